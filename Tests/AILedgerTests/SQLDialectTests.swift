@testable import AILedger
import Testing

@Suite struct SQLDialectTests {
    let dialect = TestDialect()

    @Test func defaults() {
        #expect(dialect.quoteIdentifier("weird\"name") == "\"weird\"\"name\"")
        #expect(dialect.beginTransaction == "BEGIN")
        #expect(dialect.supportsTransactionalDDL)
        #expect(dialect.shortTextType == "VARCHAR(255)")
        #expect(dialect.ignoreDuplicatesClause(primaryKey: "id") == "ON CONFLICT DO NOTHING")
    }

    @Test func multiRowInsertNumbersPlaceholdersAcrossRows() {
        let sql = dialect.insertStatement(table: "t", columns: ["a", "b"], rowCount: 2, ignoringDuplicates: true)
        #expect(sql == "INSERT INTO \"t\" (\"a\", \"b\") VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING")
    }

    @Test func builderBindsEveryValue() {
        var builder = SQLBuilder(dialect, "SELECT * FROM t")
        builder.filter("user_id", "=", .text("x'; DROP TABLE t; --"))
        builder.filter("model", "=", nil)
        builder.filter("created_at", ">=", .timestamp(0))
        builder.appendWhere()
        #expect(builder.sql == "SELECT * FROM t WHERE \"user_id\" = $1 AND \"created_at\" >= $2")
        #expect(builder.parameters == [.text("x'; DROP TABLE t; --"), .timestamp(0)])
    }

    @Test func everyFilterIsBoundInTextOrder() throws {
        let hostile = "x'; DROP TABLE t; --"
        let filter = LedgerFilter(since: .init(timeIntervalSince1970: 0), userID: hostile, model: hostile, status: .error,
                                  interactionType: hostile, callType: hostile, promptVersion: hostile, feedback: .accepted,
                                  minQualityScore: 1, maxQualityScore: 2, minCostUSD: 1, missingVariable: hostile,
                                  hasMissingVariables: true, deviceID: hostile, personaID: hostile, text: hostile)
        for apply in [LedgerFilter.apply(toCalls:), LedgerFilter.apply(toInteractions:), LedgerFilter.apply(toConversations:)] {
            var builder = SQLBuilder(dialect, "SELECT 1 FROM t")
            apply(filter)(&builder)
            builder.appendWhere()
            #expect(!builder.sql.contains(hostile))
            // Placeholders appear in the order they were bound, as positional `?` dialects need.
            let numbers = builder.sql.split(separator: "$").dropFirst().map { Int($0.prefix { $0.isNumber })! }
            #expect(numbers == Array(1...builder.parameters.count))
        }
    }
}
