@testable import AILedger
import Foundation
import Testing

/// SQL statements an interaction ran: their fingerprints and their JSON.
@Suite struct SQLQueryTests {
    @Test(arguments: [
        ("SELECT * FROM t WHERE a = 1 AND b = 'x'", "select * from t where a = ? and b = ?"),
        ("select *\n  from t\twhere a=1.5e-3", "select * from t where a=?"),
        ("SELECT a FROM t WHERE id IN (1, 2, 3) -- trailing comment", "select a from t where id in (?)"),
        ("SELECT /* hint */ a FROM t WHERE id IN ($1,$2)", "select a from t where id in (?)"),
        ("INSERT INTO t (a, b) VALUES (1, 'a'), (2, 'b');", "insert into t (a, b) values (?)"),
        ("SELECT \"Mixed Case\", `Tick` FROM t1 WHERE x = %s", "select \"Mixed Case\", `Tick` from t1 where x = ?"),
        ("SELECT 'it''s', 'back\\'slash', E'esc' FROM t", "select ?, ?, ? from t"),
        ("SELECT $$dollar 'quoted'$$, $tag$x$tag$ FROM t", "select ?, ? from t"),
        ("SELECT a::text FROM t WHERE b = :name", "select a::text from t where b = ?"),
        ("SELECT col2, t3.c4 FROM t3 WHERE x > 0x1F", "select col2, t3.c4 from t3 where x > ?"),
        ("SELECT 'unterminated", "select ?"),
        ("SELECT \"unterminated", "select \"unterminated"),
        ("SELECT 'Zürich' AS ville, größe FROM städte", "select ? as ville, größe from städte"),
        ("", ""),
    ])
    func fingerprints(_ statement: String, _ expected: String) {
        #expect(SQLQuery.fingerprint(of: statement) == expected)
    }

    @Test func anInteractionsSQLRoundTripsThroughItsJSON() throws {
        let interaction = Interaction(interactionType: "orders", sqlQueries: [
            SQLQuery(statement: "SELECT 1", database: "shop", resultCount: 1, durationMs: 2.5),
            SQLQuery(statement: "SELECT x", status: .error, errorMessage: "no x"),
        ])
        #expect(try Interaction(json: JSONValue(jsonText: interaction.json.jsonText)) == interaction)
    }

    @Test func seed004sFieldsAreRead() throws {
        let interaction = try Interaction(json: ["intent": "orders", "database_used": "shop",
                                                 "sql_queries": ["SELECT * FROM orders"], "sql_results_count": 5])
        #expect(interaction.interactionType == "orders")
        #expect(interaction.sqlQueries == [SQLQuery(statement: "SELECT * FROM orders", database: "shop", resultCount: 5)])
        let failed = try Interaction(json: ["sql_queries": [["statement": "SELECT x", "error_message": "boom"]]])
        #expect(failed.sqlQueries?.first?.status == .error)
        let noQueries = try Interaction(json: ["database_used": "shop", "sql_results_count": 0])
        #expect(noQueries.sqlQueries == nil)
        #expect(noQueries.metadata == ["database_used": "shop", "sql_results_count": 0])
    }

    @Test(arguments: [
        (["sql_queries": "SELECT 1"] as JSONValue, "sql_queries: must be an array of statements"),
        (["sql_queries": [5]] as JSONValue, "sql_queries[0]: must be a JSON object"),
        (["sql_queries": ["SELECT 1", ["statment": "x"]]] as JSONValue, "sql_queries[1].statment: is not a known field"),
        (["sql_queries": [["database": "x"]]] as JSONValue, "sql_queries[0].statement: is required"),
        (["sql_queries": [["statement": "x", "result_count": -1]]] as JSONValue, "sql_queries[0].result_count: must not be negative"),
        (["sql_queries": [["statement": "x", "duration_ms": "slow"]]] as JSONValue, "sql_queries[0].duration_ms: must be a number"),
        (["sql_queries": [""]] as JSONValue, "sql_queries[0].statement: must not be empty"),
        (["sql_queries": ["a", "b"], "sql_results_count": 3] as JSONValue,
         "sql_results_count: must equal the sum of the statements' result_count when there are several"),
        (["intent": "a", "interaction_type": "b"] as JSONValue, "intent: is another name for interaction_type and differs from it"),
    ])
    func badSQLFieldsAreNamed(_ json: JSONValue, _ message: String) {
        #expect(throws: LedgerError(.invalidRecord, message)) { try Interaction(json: json) }
    }
}
