import Foundation
import Synchronization

/// A dedicated thread that owns one C connection and runs its blocking calls in order.
///
/// Blocking C calls must never run on Swift's cooperative thread pool; a driver wraps each
/// of them in `run`, which suspends the caller until the thread has done the work, or runs
/// them at once when the caller is a task already running on the thread (see
/// `ConnectionThread+TaskExecutor`).
final class ConnectionThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var stopping = false
    /// The thread's id, set by the thread itself before it runs any job.
    private let threadID = Atomic<UInt>(0)

    /// The nice value of a background thread: when it and threads at the default priority
    /// want the same core, it gets about a tenth of the time they do; alone, all of it.
    static let backgroundNiceness: Int32 = 10

    /// Starts a thread named `name`; a `background` one yields its core to threads at the
    /// default priority (see `backgroundNiceness`).
    init(name: String, background: Bool = false) {
        let thread = Thread { [self] in
            #if os(Linux)
            // On Linux a nice value belongs to one thread, and raising it needs no privilege.
            // Set before the name, so that a thread found by its name already has it.
            if background { setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.backgroundNiceness) }
            // Foundation keeps `name` to itself here; this is the name top -H and profilers show.
            if let comm = FileHandle(forWritingAtPath: "/proc/thread-self/comm") {
                try? comm.write(contentsOf: Data(name.utf8.prefix(15)))
                try? comm.close()
            }
            #endif
            threadID.store(Self.currentThreadID(), ordering: .releasing)
            loop()
            // A later thread may be given the same id.
            threadID.store(0, ordering: .releasing)
        }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Runs `body` on the thread and returns its result: at once when the caller is already
    /// on it, else once the jobs queued before it have run.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        if isCurrent { return try body() }
        return try await withCheckedThrowingContinuation { continuation in
            let accepted = enqueue { continuation.resume(with: Result { try body() }) }
            if !accepted {
                continuation.resume(throwing: LedgerError(.closed, "the connection is closed"))
            }
        }
    }

    /// Whether the caller runs on this thread.
    var isCurrent: Bool { threadID.load(ordering: .acquiring) == Self.currentThreadID() }

    private static func currentThreadID() -> UInt {
        #if canImport(Darwin)
        UInt(bitPattern: pthread_self())
        #else
        UInt(pthread_self())
        #endif
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
