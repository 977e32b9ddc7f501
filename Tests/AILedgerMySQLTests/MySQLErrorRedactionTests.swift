import AILedger
@testable import AILedgerMySQL
import Testing

/// Server messages that quote a value lose the value, keep the names that locate it.
@Suite struct MySQLErrorRedactionTests {
    @Test(arguments: [
        (UInt32(1062), "Duplicate entry 'secret-id' for key 'PRIMARY'", "Duplicate entry '***' for key 'PRIMARY'"),
        (1292, "Truncated incorrect DOUBLE value: 'sec' ret'", "Truncated incorrect DOUBLE value: '***'"),
        (1366, "Incorrect integer value: 'abc' for column `db`.`t`.`c` at row 1",
         "Incorrect integer value: '***' for column `db`.`t`.`c` at row 1"),
        (1054, "Unknown column 'secret' in 'field list'", "Unknown column 'secret' in '***'"),
        (1146, "Table 'ledger.ailedger_calls' doesn't exist", "Table 'ledger.ailedger_calls' doesn't exist"),
        (1364, "Field 'created_at' doesn't have a default value", "Field 'created_at' doesn't have a default value"),
        (1048, "Column 'model' cannot be null", "Column 'model' cannot be null"),
    ])
    func quotedValuesAreMasked(_ code: UInt32, _ message: String, _ expected: String) {
        let error = LedgerError(mysqlErrno: code, message: message, sqlState: "HY000")
        #expect(error.message == expected)
    }

    @Test func errorNumbersMapToKinds() {
        let kinds: [(UInt32, LedgerError.Kind)] = [(1062, .uniqueViolation), (1452, .foreignKeyViolation), (1048, .notNullViolation),
                                                   (4025, .checkViolation), (1213, .serializationFailure),
                                                   (1045, .authenticationFailed), (2013, .connectionFailed), (1146, .undefinedTable), (1406, .invalidValue), (1114, .databaseError)]
        for (code, kind) in kinds {
            #expect(LedgerError(mysqlErrno: code, message: "m", sqlState: "HY000").kind == kind, "errno \(code)")
        }
    }
}
