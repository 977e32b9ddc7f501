import Foundation

/// A dedicated thread that owns one C connection and runs its blocking calls in order.
///
/// Blocking C calls must never run on Swift's cooperative thread pool; a driver wraps each
/// of them in `run`, which suspends the caller until the thread has done the work.
final class ConnectionThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var stopping = false

    /// Starts a thread named `name`.
    init(name: String) {
        let thread = Thread { [self] in
            #if os(Linux)
            // Foundation keeps `name` to itself here; this is the name top -H and profilers show.
            if let comm = FileHandle(forWritingAtPath: "/proc/thread-self/comm") {
                try? comm.write(contentsOf: Data(name.utf8.prefix(15)))
                try? comm.close()
            }
            #endif
            loop()
        }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Runs `body` on the thread and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = enqueue { continuation.resume(with: Result { try body() }) }
            if !accepted {
                continuation.resume(throwing: LedgerError(.closed, "the connection is closed"))
            }
        }
    }

    /// Queues `body` to run on the thread without waiting for it; false once stopped.
    @discardableResult
    func post(_ body: @escaping @Sendable () -> Void) -> Bool {
        enqueue(body)
    }

    /// Lets queued work finish, runs `cleanup` (if any) on the thread, then ends it.
    ///
    /// A connection that is released without `close()` calls this from its `deinit`, so
    /// its C handle is still freed on the thread that owns it.
    func stop(after cleanup: (@Sendable () -> Void)? = nil) {
        condition.lock()
        if let cleanup, !stopping { jobs.append(cleanup) }
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func enqueue(_ job: @escaping () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty && stopping {
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job() }
        }
    }
}
