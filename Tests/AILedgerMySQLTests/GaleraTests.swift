import AILedger
import AILedgerConformance
import AILedgerMySQL
import AILedgerSQLite
import Foundation
import Testing

/// A three-node MariaDB Galera cluster (`scripts/with-cluster-servers.sh`, run by `make
/// test`): migrations raced from two nodes apply once, a node killed mid-stream and
/// brought back loses nothing written through the multi-host URL, and two servers on two
/// nodes share one ledger.
@Suite(.serialized, .enabled(if: ClusterEnvironment.galera != nil))
struct GaleraTests {
    let drivers: [any DatabaseDriver] = [MySQLDriver(), SQLiteDriver()]

    @Test func twoRunnersOnTwoNodesApplyEachMigrationOnce() async throws {
        let galera = try #require(ClusterEnvironment.galera)
        let name = "race_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try await Ledger.open(url: galera.nodes[0], drivers: drivers)
        _ = try await admin.database.withConnection(.write) { try await $0.execute("CREATE DATABASE \(name)", []) }
        await admin.close()
        let urls = galera.nodes.prefix(2).map { $0.replacingOccurrences(of: "/ailedger_test", with: "/\(name)") }
        let first = try await Ledger.open(url: urls[0], drivers: drivers)
        let second = try await Ledger.open(url: urls[1], drivers: drivers)
        async let one = first.migrate()
        async let two = second.migrate()
        let (a, b) = try await (one, two)
        let total = try await first.migrations.status().count
        #expect(a.count + b.count == total, "each migration applied once between the two runners: \(a.count) + \(b.count)")
        let history = try await second.database.withConnection(.write) { connection in
            try await connection.query("SELECT COUNT(*), COUNT(DISTINCT version), CAST(SUM(success) AS SIGNED) FROM ailedger_migrations", [])
        }
        #expect(history.first?.values == [.integer(Int64(total)), .integer(Int64(total)), .integer(Int64(total))])
        let lock = try await first.database.withConnection(.write) { try await $0.query("SELECT COUNT(*) FROM ailedger_migration_lock", []) }
        #expect(lock.first?.values == [.integer(0)], "the lock row is gone")
        _ = try await first.database.withConnection(.write) { try await $0.execute("DROP DATABASE \(name)", []) }
        await first.close()
        await second.close()
    }

    @Test func aNodeKilledMidStreamAndBroughtBackLosesNothing() async throws {
        let galera = try #require(ClusterEnvironment.galera)
        let scenario = FailoverScenario(url: galera.all, drivers: drivers, count: 100_000)
        let outcome = try await scenario.run(checkURL: galera.nodes[2]) {
            try await ClusterEnvironment.run(galera.kill[0])
            try await Task.sleep(for: .seconds(2))
            try await ClusterEnvironment.run(galera.start[0])
        }
        print("Galera node failure: 100,000 calls in \(outcome.seconds) s; retried \(outcome.statistics.retried), "
              + "spilled \(outcome.statistics.spilled), replayed \(outcome.statistics.replayed)")
    }
    /// Two servers behind a load balancer, one through the three-host URL (node 1), one on
    /// node 2: they certify against each other on the same rollup rows.
    @Test func twoServersOnTwoNodesShareOneLedger() async throws {
        let galera = try #require(ClusterEnvironment.galera)
        try await SeveralServersScenario.expectSharedDatabase(urls: [galera.all, galera.nodes[1]], checkURL: galera.nodes[2],
                                                              drivers: drivers)
    }
}
