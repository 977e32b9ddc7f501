import Foundation

extension Ledger {
    /// The records `ids` of `table` as archive lines, `{"kind": "call", "record": {...}}`,
    /// each record in the JSON form `ailedger ingest` reads (an interaction with its SQL
    /// statements and feedback).
    func archiveLines(_ table: String, _ ids: [UUID]) async throws -> [String] {
        func fetch(_ columns: [String]) async throws -> [SQLRow] {
            var sql = SQLBuilder(dialect, "SELECT ")
            sql.append(sql.columnList(columns) + " FROM " + dialect.quoteIdentifier(table) + " WHERE id IN (")
            sql.append(ids.map { sql.bind(.uuid($0)) }.joined(separator: ", ") + ")")
            return try await rows(sql, access: .read)
        }
        let records: [(String, JSONValue)]
        switch table {
        case Call.table: records = try await fetch(Call.columns).map { ("call", try Call(row: $0).json) }
        case Interaction.table:
            records = try await withSQLQueries(try await fetch(Interaction.columns).map(Interaction.init(row:)), access: .read).map { ("interaction", $0.json) }
        default: records = try await fetch(Conversation.columns).map { ("conversation", try Conversation(row: $0).json) }
        }
        return records.map { kind, record in JSONValue.object(["kind": .string(kind), "record": record]).jsonText }
    }
}
