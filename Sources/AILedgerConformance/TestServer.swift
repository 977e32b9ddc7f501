import Foundation

/// A database server a test run was given through the environment, as
/// `scripts/with-test-servers.sh` (and so `make test`) provides them:
/// `AILEDGER_TEST_<NAME>_URL`, `_SOCKET_URL` and `_RESTART`.
public struct TestServer: Sendable {
    /// The environment name: `POSTGRES`, `MYSQL`.
    public let name: String

    /// The PostgreSQL server.
    public static let postgres = TestServer(name: "POSTGRES")
    /// The MySQL or MariaDB server.
    public static let mysql = TestServer(name: "MYSQL")

    private var environment: [String: String] { ProcessInfo.processInfo.environment }
    private func variable(_ suffix: String) -> String? {
        environment["AILEDGER_TEST_\(name)_\(suffix)"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The server's TCP URL, when given.
    public var url: String? { variable("URL") }
    /// The same server through its unix socket, when given.
    public var socketURL: String? { variable("SOCKET_URL") }
    /// Whether a URL was given.
    public var isAvailable: Bool { url != nil }
    /// Whether `AILEDGER_REQUIRE_ALL_DRIVERS=1` makes a missing server a failure.
    public static var allRequired: Bool { ProcessInfo.processInfo.environment["AILEDGER_REQUIRE_ALL_DRIVERS"] == "1" }

    /// Restarts (or kills and restarts) the server with the command the environment gives.
    public func restart() async throws {
        guard let command = variable("RESTART") else {
            throw ConformanceFailure(message: "AILEDGER_TEST_\(name)_RESTART is not set", location: #fileID)
        }
        let result = try await Self.run([command])
        if result.status != 0 {
            throw ConformanceFailure(message: "restarting \(name) failed: \(result.output)", location: #fileID)
        }
    }

    /// Stops the server (PostgreSQL: immediate shutdown; MariaDB: SIGKILL).
    public func stop() async throws { try await control("STOP") }

    /// Starts the stopped server and waits until it accepts connections.
    public func start() async throws { try await control("START") }

    private func control(_ action: String) async throws {
        guard let command = variable(action) else {
            throw ConformanceFailure(message: "AILEDGER_TEST_\(name)_\(action) is not set", location: #fileID)
        }
        let result = try await Self.run([command])
        if result.status != 0 {
            throw ConformanceFailure(message: "\(action.lowercased()) \(name) failed: \(result.output)", location: #fileID)
        }
    }

    /// Runs a program to completion and returns its exit status and output. The wait happens
    /// on a thread of its own, never on the cooperative pool; it spawns directly because
    /// Foundation's `Process` was seen to leave a child unreaped under the test runner.
    public static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let child = try ChildProcess.spawn(["/usr/bin/env"] + arguments)
        let status = await child.exitStatus()
        return (status, child.output)
    }
}
