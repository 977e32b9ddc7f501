import AILedger
@testable import AILedgerPostgres
import Testing

/// Decoding and error mapping that need no server.
@Suite struct PostgresDecodingTests {
    @Test func hexByteaDecodesAndAnythingElseIsRefused() {
        #expect(PostgresConnection.decodeHexBytea("\\x00ff7F") == [0, 255, 127])
        #expect(PostgresConnection.decodeHexBytea("\\x") == [])
        #expect(PostgresConnection.decodeHexBytea("abc def") == nil)
        #expect(PostgresConnection.decodeHexBytea("\\x0g") == nil)
        #expect(PostgresConnection.decodeHexBytea("\\x0") == nil)
    }

    @Test func dataExceptionsHideTheValue() {
        let range = LedgerError(sqlState: "22003", message: "value \"99999999999999999999\" is out of range for type bigint")
        #expect(!range.message.contains("9999"))
        let syntax = LedgerError(sqlState: "22P02", message: "invalid input syntax for type uuid: \"secret\"")
        #expect(syntax.message == "invalid input syntax for type uuid")
        let unique = LedgerError(sqlState: "23505", message: "duplicate key value violates unique constraint \"ailedger_calls_pkey\"")
        #expect(unique.kind == .uniqueViolation)
        #expect(unique.message.contains("ailedger_calls_pkey"))
    }
}
