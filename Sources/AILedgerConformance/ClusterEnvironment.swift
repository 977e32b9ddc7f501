import Foundation

/// The clusters a test run was given through the environment, as
/// `scripts/with-cluster-servers.sh` provides them.
public enum ClusterEnvironment {
    /// A PostgreSQL primary and its streaming standby.
    public struct Postgres: Sendable {
        /// The primary's URL.
        public let primary: String
        /// The standby's URL.
        public let standby: String
        /// Both hosts, `target_session_attrs=read-write`.
        public let both: String
        /// A command that kills the primary (immediate shutdown).
        public let killPrimary: String
        /// A command that promotes the standby.
        public let promoteStandby: String
    }

    /// A three-node MariaDB Galera cluster.
    public struct Galera: Sendable {
        /// The three hosts, node 1 first.
        public let all: String
        /// Each node's URL.
        public let nodes: [String]
        /// Commands that kill each node (SIGKILL).
        public let kill: [String]
        /// Commands that start each node and wait until it is synced.
        public let start: [String]
    }

    private static func variable(_ name: String) -> String? {
        ProcessInfo.processInfo.environment["AILEDGER_TEST_\(name)"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The PostgreSQL pair, when given.
    public static var postgres: Postgres? {
        guard let primary = variable("PG_PRIMARY_URL"), let standby = variable("PG_STANDBY_URL"), let both = variable("PG_CLUSTER_URL"),
              let kill = variable("PG_KILL_PRIMARY"), let promote = variable("PG_PROMOTE_STANDBY") else { return nil }
        return Postgres(primary: primary, standby: standby, both: both, killPrimary: kill, promoteStandby: promote)
    }

    /// The Galera cluster, when given.
    public static var galera: Galera? {
        guard let all = variable("GALERA_URL") else { return nil }
        let nodes = (1...3).compactMap { variable("GALERA_NODE\($0)_URL") }
        let kill = (1...3).compactMap { variable("GALERA_KILL_NODE\($0)") }
        let start = (1...3).compactMap { variable("GALERA_START_NODE\($0)") }
        guard nodes.count == 3, kill.count == 3, start.count == 3 else { return nil }
        return Galera(all: all, nodes: nodes, kill: kill, start: start)
    }

    /// Whether `AILEDGER_REQUIRE_CLUSTERS=1` makes a missing cluster a failure.
    public static var required: Bool { ProcessInfo.processInfo.environment["AILEDGER_REQUIRE_CLUSTERS"] == "1" }

    /// Runs a control command, failing unless it exits 0.
    public static func run(_ command: String) async throws {
        let result = try await TestServer.run([command])
        if result.status != 0 {
            throw ConformanceFailure(message: "\(command) failed: \(result.output)", location: #fileID)
        }
    }
}
