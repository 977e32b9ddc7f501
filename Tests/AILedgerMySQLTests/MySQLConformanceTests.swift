import AILedger
import AILedgerConformance
import AILedgerMySQL
import AILedgerSQLite
import Testing

extension MySQLTests {
    /// The whole conformance suite on a real MariaDB server.
    @Suite struct Conformance {
        static let suite = ConformanceSuite(drivers: [MySQLDriver(), SQLiteDriver()]) { TestServer.mysql.url! }

        @Test(arguments: ConformanceSuite.caseNames)
        func mysql(_ name: String) async throws {
            try await Self.suite.run(name)
        }
    }

    /// The cases that insert, with batches sent as multi-row INSERTs (as to MySQL 8)
    /// instead of MariaDB's array-bound executes.
    @Suite struct ConformanceWithoutArrayBinding {
        static let suite = ConformanceSuite(drivers: [MySQLDriver(), SQLiteDriver()]) {
            let url = TestServer.mysql.url!
            return url + (url.contains("?") ? "&" : "?") + "array_binding=off"
        }

        @Test(arguments: ConformanceSuite.insertingCaseNames)
        func mysql(_ name: String) async throws {
            try await Self.suite.run(name)
        }
    }
}

/// With AILEDGER_REQUIRE_ALL_DRIVERS=1 a missing server fails the run instead of skipping it.
@Suite struct MySQLRequirementTests {
    @Test(.enabled(if: TestServer.allRequired))
    func serverIsProvided() {
        #expect(TestServer.mysql.isAvailable,
                "AILEDGER_REQUIRE_ALL_DRIVERS=1 but AILEDGER_TEST_MYSQL_URL is not set: run the tests through `make test`")
    }
}
