import AILedger
import AILedgerConformance
import AILedgerSQLite
import Testing

/// The whole conformance suite on a SQLite file and on an in-memory database.
@Suite struct SQLiteConformanceTests {
    static let file = ConformanceSuite(drivers: [SQLiteDriver()]) {
        "sqlite://" + TemporaryDirectory.make().appendingPathComponent("ledger.sqlite").path
    }
    static let memory = ConformanceSuite(drivers: [SQLiteDriver()], reopenSharesDatabase: false) { "sqlite::memory:" }

    @Test(arguments: ConformanceSuite.caseNames)
    func file(_ name: String) async throws {
        try await Self.file.run(name)
    }

    @Test(arguments: ConformanceSuite.caseNames)
    func memory(_ name: String) async throws {
        try await Self.memory.run(name)
    }
}
