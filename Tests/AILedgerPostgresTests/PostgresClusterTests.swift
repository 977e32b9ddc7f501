import AILedger
import AILedgerConformance
import AILedgerPostgres
import AILedgerSQLite
import Foundation
import Testing

/// A primary and a streaming standby (`scripts/with-cluster-servers.sh`, run by `make
/// test`): the standby answers a read URL, then the primary is killed mid-stream and the
/// standby promoted, and the writer carries on through the multi-host URL losing nothing.
@Suite(.serialized, .enabled(if: ClusterEnvironment.postgres != nil))
struct PostgresClusterTests {
    @Test func aStandbyAnswersReadsThenTakesOverWithoutLosingACall() async throws {
        let cluster = try #require(ClusterEnvironment.postgres)
        let encoded = cluster.standby.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let ledger = try await Ledger.open(url: cluster.primary + "?read_url=" + encoded, drivers: [PostgresDriver()])
        try await ledger.migrate()
        let user = "standby-\(UUID().uuidString)"
        try await ledger.record(RecordBatch(calls: (0..<50).map { _ in Call(model: "standby", userID: user, usage: TokenUsage(input: 3)) }))
        var seen: Int64 = 0
        for _ in 0..<200 {
            seen = try await ledger.usage(LedgerFilter(userID: user)).calls
            if seen == 50 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(seen == 50, "the standby answers the query once it has replayed the writes")
        for (access, inRecovery) in [(DatabaseAccess.replica, true), (.read, false), (.write, false)] {
            let rows = try await ledger.database.withConnection(access) { try await $0.query("SELECT pg_is_in_recovery()", []) }
            #expect(rows.first?.values == [.bool(inRecovery)], "\(access)")
        }
        await ledger.close()

        let scenario = FailoverScenario(url: cluster.both, drivers: [PostgresDriver(), SQLiteDriver()], count: 100_000)
        let outcome = try await scenario.run(checkURL: cluster.standby) {
            try await ClusterEnvironment.run(cluster.killPrimary)
            try await Task.sleep(for: .seconds(1))
            try await ClusterEnvironment.run(cluster.promoteStandby)
        }
        print("PostgreSQL failover: 100,000 calls in \(outcome.seconds) s; retried \(outcome.statistics.retried), "
              + "spilled \(outcome.statistics.spilled), replayed \(outcome.statistics.replayed)")
    }
}

/// With AILEDGER_REQUIRE_CLUSTERS=1 (`make test`) a missing cluster fails the run.
@Suite struct ClusterRequirementTests {
    @Test(.enabled(if: ClusterEnvironment.required))
    func clustersAreProvided() {
        #expect(ClusterEnvironment.postgres != nil, "run through scripts/with-cluster-servers.sh (make test-cluster)")
        #expect(ClusterEnvironment.galera != nil, "run through scripts/with-cluster-servers.sh (make test-cluster)")
    }
}
