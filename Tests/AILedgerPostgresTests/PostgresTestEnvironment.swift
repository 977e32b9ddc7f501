import Foundation

/// The PostgreSQL server `make test` starts: its URL, and a command that restarts it.
enum PostgresTestEnvironment {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["AILEDGER_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let socketURL = environment["AILEDGER_TEST_POSTGRES_SOCKET_URL"]
    static let restartCommand = environment["AILEDGER_TEST_POSTGRES_RESTART"]
    /// Whether a missing server is a failure rather than a skip.
    static let required = environment["AILEDGER_REQUIRE_ALL_DRIVERS"] == "1"
    static let available = url != nil

    /// Runs a program to completion and returns its exit status and output; the wait
    /// happens on a thread of its own, never on the cooperative pool. (Foundation's
    /// `Process` left the restart script's shell unreaped here, so this spawns directly.)
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-run-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            Thread {
                var actions = posix_spawn_file_actions_t()
                posix_spawn_file_actions_init(&actions)
                defer { posix_spawn_file_actions_destroy(&actions) }
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
                posix_spawn_file_actions_adddup2(&actions, 1, 2)
                let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
                defer { argv.forEach { free($0) } }
                var pid: pid_t = 0
                let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
                guard spawned == 0 else {
                    continuation.resume(throwing: POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL))
                    return
                }
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                continuation.resume(returning: (status >> 8) & 0xFF)
            }.start()
        }
        return (status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}
