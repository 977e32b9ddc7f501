import AILedger
import Foundation

/// A program running in the background whose output goes to a file a test can poll, and
/// which the test can kill without warning.
public final class ChildProcess: Sendable {
    private let pid: pid_t
    private let log: URL
    private let reaped = Locked(false)

    private init(pid: pid_t, log: URL) {
        self.pid = pid
        self.log = log
    }

    /// Starts `arguments` (a path and its arguments) with standard output and error going
    /// to a temporary file.
    public static func spawn(_ arguments: [String]) throws -> ChildProcess {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-child-\(UUID().uuidString).log")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        return ChildProcess(pid: pid, log: log)
    }

    /// What the program has printed so far.
    public var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// The number after the last complete line `"<word> <number>"` printed so far.
    public func lastNumber(after word: String) -> Int? {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // unfinished, or empty after the last newline
        return lines.last { $0.hasPrefix(word + " ") }.flatMap { Int($0.dropFirst(word.count + 1)) }
    }

    /// Sends the program `signal` (SIGTERM, say) without waiting for it to end.
    public func send(_ signal: Int32) {
        guard !reaped.withLock({ $0 }) else { return }
        _ = Foundation.kill(pid, signal)
    }

    /// Kills the program with SIGKILL and reaps it. Its output stays readable.
    public func kill() async {
        guard !reaped.withLock({ $0 }) else { return }
        _ = Foundation.kill(pid, SIGKILL)
        _ = await exitStatus()
    }

    /// Waits, on a thread of its own, for the program to end; returns its exit status, or
    /// 128 plus the signal's number when a signal ended it (as a shell reports it).
    public func exitStatus() async -> Int32 {
        let first = reaped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return -1 }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            Thread { [pid] in
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                let signal = status & 0x7F
                continuation.resume(returning: signal == 0 ? (status >> 8) & 0xFF : 128 + signal)
            }.start()
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: log)
    }
}
