import AILedger
import AILedgerConformance
import AILedgerPostgres
import AILedgerSQLite
import Testing

extension PostgresTests {
    /// The whole conformance suite on a real PostgreSQL server.
    @Suite struct Conformance {
        static let suite = ConformanceSuite(drivers: [PostgresDriver(), SQLiteDriver()]) { TestServer.postgres.url! }

        @Test(arguments: ConformanceSuite.caseNames)
        func postgres(_ name: String) async throws {
            try await Self.suite.run(name)
        }
    }
}

/// With AILEDGER_REQUIRE_ALL_DRIVERS=1 a missing server fails the run instead of skipping it.
@Suite struct PostgresRequirementTests {
    @Test(.enabled(if: TestServer.allRequired))
    func serverIsProvided() {
        #expect(TestServer.postgres.isAvailable,
                "AILEDGER_REQUIRE_ALL_DRIVERS=1 but AILEDGER_TEST_POSTGRES_URL is not set: run the tests through `make test`")
    }
}
