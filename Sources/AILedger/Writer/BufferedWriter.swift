import Foundation
import Synchronization

/// The background writer behind a buffered ledger: a bounded buffer that `enqueue` fills
/// in microseconds, and one task that writes it in batches, retries with backoff, spills
/// to the outbox while the database is away and replays the outbox, in order, once it is
/// back. While one batch is being written, the next one is priced and turned into rows.
final class BufferedWriter: Sendable {
    typealias Prepare = @Sendable ([PendingRecord]) -> RowBatch
    typealias Insert = @Sendable (RowBatch) async throws -> Void
    /// A suspended flush, caller waiting for room, or idle writer. `UnsafeContinuation` is
    /// frozen, so `State` has a fixed layout and the caller's path reads it directly rather
    /// than through runtime type metadata, as a resilient `CheckedContinuation` would need.
    typealias Waiter = UnsafeContinuation<Void, Never>

    private struct State {
        /// The buffer, as batches: each holds at most `batchSize` records, and only the last
        /// one still fills, so taking a batch never copies or shifts records under the lock.
        var batches: [[PendingRecord]] = []
        var buffered = 0
        var inFlight = 0
        /// Records accepted into the buffer so far; `done` counts those written, spilled or
        /// rejected, in the same order, so a flush waits for `done` to reach `appended`.
        var appended: Int64 = 0
        var done: Int64 = 0
        var flushWaiters: [(target: Int64, continuation: Waiter)] = []
        var spaceWaiters: [Waiter] = []
        var wakeup: Waiter?
        var generation: UInt64 = 0
        var urgent = false
        var closing = false
        var stats = WriterStatistics()

        var isReady: Bool { buffered >= batchSize || batches.count > 1 || ((urgent || closing) && buffered > 0) || (closing && buffered == 0) }

        mutating func append(_ record: PendingRecord) {
            if let last = batches.indices.last, batches[last].count < batchSize {
                batches[last].append(record)
            } else {
                var batch: [PendingRecord] = []
                batch.reserveCapacity(batchSize)
                batch.append(record)
                batches.append(batch)
            }
            buffered += 1
        }

        mutating func append(_ records: [PendingRecord]) {
            if let last = batches.indices.last, batches[last].count + records.count <= batchSize {
                batches[last].append(contentsOf: records)
            } else {
                batches.append(records)
            }
            buffered += records.count
        }
        let batchSize: Int
    }

    private let options: WriterOptions
    private let outbox: Outbox?
    private let prepare: Prepare
    private let insert: Insert
    private let state: Mutex<State>
    private let metrics: WriterMetrics
    private let task = Locked<Task<Void, Never>?>(nil)

    init(options: WriterOptions, outbox: Outbox?, prepare: @escaping Prepare, insert: @escaping Insert) {
        self.options = options
        self.outbox = outbox
        self.prepare = prepare
        self.insert = insert
        metrics = WriterMetrics(dimensions: options.metricsDimensions)
        var state = State(batchSize: options.batchSize)
        state.stats.outboxBatches = outbox?.waitingAtOpen ?? 0  // known before the first statistics are read
        self.state = Mutex(state)
        task.withLock { $0 = Task.detached { [self] in await run() } }
    }

    // MARK: - The caller's side

    /// Adds `record` to the buffer if there is room, without waiting: the caller's fast
    /// path. False when the buffer is full or the writer closed; `enqueue` then decides.
    func offer(_ record: PendingRecord) -> Bool {
        if case .accepted = attempt(1, { $0.append(record) }) { return true }
        return false
    }

    /// Adds `record` to the buffer, waiting for room or spilling when it is full.
    func enqueue(_ record: PendingRecord) async throws {
        try await admit(1, { $0.append(record) }, spilling: { [record] })
    }

    /// Adds `records` to the buffer, waiting for room or spilling when it is full.
    func enqueue(_ records: [PendingRecord]) async throws {
        if records.count <= options.batchSize { return try await admit(records) }  // the usual case: no copy
        for start in stride(from: 0, to: records.count, by: options.batchSize) {
            try await admit(Array(records[start..<min(start + options.batchSize, records.count)]))
        }
    }

    private func admit(_ records: [PendingRecord]) async throws {
        try await admit(records.count, { $0.append(records) }, spilling: { records })
    }

    private enum Admission { case accepted, full, closed }

    /// Lets `n` records in through `add` if there is room now, and wakes the writer when
    /// that completes a batch.
    private func attempt(_ n: Int, _ add: (inout State) -> Void) -> Admission {
        var wakeup: Waiter?
        let admission: Admission = state.withLock { s in
            if s.closing { return .closed }
            if s.buffered + s.inFlight + n > options.capacity && s.buffered + s.inFlight > 0 { return .full }
            add(&s)
            s.appended += Int64(n)
            s.stats.recorded += Int64(n)
            if s.batches.count > 1 || s.buffered >= options.batchSize {
                wakeup = s.wakeup
                s.wakeup = nil
            }
            return .accepted
        }
        wakeup?.resume()
        return admission
    }

    /// Lets `n` records in through `add` once there is room; `records` gives them to spill.
    private func admit(_ n: Int, _ add: (inout State) -> Void, spilling records: () -> [PendingRecord]) async throws {
        while true {
            switch attempt(n, add) {
            case .accepted:
                return
            case .closed:
                throw LedgerError(.closed, "the ledger is closed")
            case .full where options.whenFull == .spill:
                guard let outbox else { throw LedgerError(.invalidConfiguration, "the spill policy needs an outbox") }
                try await outbox.spill(records())
                state.withLock {
                    $0.stats.recorded += Int64(n)
                    $0.stats.spilled += Int64(n)
                    $0.stats.outboxBatches += 1
                }
                metrics.recorded.increment(by: Int64(n))
                metrics.spilled.increment(by: Int64(n))
                return
            case .full:
                await withUnsafeContinuation { (continuation: Waiter) in
                    let resumeNow = state.withLock { s in
                        if s.closing || s.buffered + s.inFlight + n <= options.capacity { return true }
                        s.spaceWaiters.append(continuation)
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
        }
    }

    /// Counts records refused before they reached the buffer.
    func countRejected(_ n: Int) {
        state.withLock { $0.stats.rejected += Int64(n) }
        metrics.rejected.increment(by: Int64(n))
    }

    /// Returns once every record accepted before the call is written, spilled or rejected.
    func flush() async {
        await withUnsafeContinuation { (continuation: Waiter) in
            let (resumeNow, wakeup) = state.withLock { s -> (Bool, Waiter?) in
                if s.done >= s.appended { return (true, nil) }
                s.flushWaiters.append((s.appended, continuation))
                s.urgent = true
                let wakeup = s.wakeup
                s.wakeup = nil
                return (false, wakeup)
            }
            wakeup?.resume()
            if resumeNow { continuation.resume() }
        }
    }

    /// Writes what is buffered, stops the writer and closes the outbox. Records offered
    /// afterwards are refused with `LedgerError.Kind.closed`.
    func close() async {
        let (wakeup, waiters) = state.withLock { s in
            s.closing = true
            let wakeup = s.wakeup
            s.wakeup = nil
            let waiters = s.spaceWaiters
            s.spaceWaiters = []
            return (wakeup, waiters)
        }
        wakeup?.resume()
        waiters.forEach { $0.resume() }
        await task.withLock { $0 }?.value
        await outbox?.close()
    }

    var statistics: WriterStatistics {
        state.withLock { s in
            var stats = s.stats
            stats.buffered = Int64(s.buffered + s.inFlight)
            return stats
        }
    }

    // MARK: - The writer's side

    private func run() async {
        var replayAfter = ContinuousClock.now
        var prepared: (records: [PendingRecord], rows: RowBatch)?
        while true {
            let records: [PendingRecord], rows: RowBatch
            if let next = prepared {
                (records, rows) = next
                prepared = nil
            } else {
                guard let taken = await nextBatch() else { break }
                if taken.isEmpty {
                    // An idle tick: replay the outbox if the database may be back.
                    if hasOutboxBatches && ContinuousClock.now >= replayAfter {
                        do { try await replay() } catch { replayAfter = ContinuousClock.now + options.maxBackoff }
                    }
                    continue
                }
                (records, rows) = (taken, prepare(taken))
            }
            async let delivered: Void = deliver(records, rows)
            // Meanwhile, turn the next batch into rows if one is already due.
            if case .records(let next) = poll(waited: false) { prepared = (next, prepare(next)) }
            await delivered
            finish(records.count)
        }
        let waiters = state.withLock { s in
            let waiters = s.flushWaiters.map(\.continuation) + s.spaceWaiters
            s.flushWaiters = []
            s.spaceWaiters = []
            return waiters
        }
        waiters.forEach { $0.resume() }
    }

    private var hasOutboxBatches: Bool { state.withLock { $0.stats.outboxBatches > 0 } }

    private enum Next { case records([PendingRecord]), idle, stop, wait }

    /// The next records to write: a full batch, or what is there when the interval ends or
    /// a flush asks; empty after an idle interval; nil once closed and drained.
    private func nextBatch() async -> [PendingRecord]? {
        switch poll(waited: false) {
        case .records(let records): return records
        case .stop: return nil
        case .idle: return []
        case .wait: break
        }
        await withUnsafeContinuation { (continuation: Waiter) in
            let generation: UInt64? = state.withLock { s in
                if s.isReady { return nil }
                s.generation += 1
                s.wakeup = continuation
                return s.generation
            }
            guard let generation else { return continuation.resume() }
            let interval = options.flushInterval
            Task { [self] in
                try? await Task.sleep(for: interval)
                let expired = state.withLock { s -> Waiter? in
                    guard s.generation == generation, let wakeup = s.wakeup else { return nil }
                    s.wakeup = nil
                    return wakeup
                }
                expired?.resume()
            }
        }
        switch poll(waited: true) {
        case .records(let records): return records
        case .stop: return nil
        case .idle, .wait: return []
        }
    }

    /// Takes up to a batch from the buffer when one is due; `waited` says an interval
    /// ended (or a flush or close woke the writer), which makes any waiting record due.
    private func poll(waited: Bool) -> Next {
        let next: Next = state.withLock { s in
            if s.buffered == 0 { return s.closing ? .stop : waited ? .idle : .wait }
            guard s.isReady || waited else { return .wait }
            let records = s.batches.removeFirst()
            s.buffered -= records.count
            if s.buffered == 0 { s.urgent = false }
            s.inFlight += records.count
            return .records(records)
        }
        // Buffered records reach the recorded counter here, off the caller's path.
        if case .records(let records) = next { metrics.recorded.increment(by: Int64(records.count)) }
        return next
    }

    private func finish(_ n: Int) {
        let waiters = state.withLock { s in
            s.inFlight -= n
            s.done += Int64(n)
            let done = s.done
            let flushed = s.flushWaiters.filter { $0.target <= done }.map(\.continuation)
            s.flushWaiters.removeAll { $0.target <= done }
            let space = s.spaceWaiters
            s.spaceWaiters = []
            return flushed + space
        }
        waiters.forEach { $0.resume() }
    }

    /// Writes `records`, retrying with backoff; spills them once retries have lasted
    /// `spillAfter` (at once when closing); rejects, one by one, what the database refuses.
    private func deliver(_ records: [PendingRecord], _ rows: RowBatch) async {
        var failingSince: ContinuousClock.Instant?
        var pause = Duration.milliseconds(50)
        while true {
            do {
                if hasOutboxBatches { try await replay() }
                let written = try await writeOrReject(records, rows)
                state.withLock { $0.stats.written += Int64(written) }
                metrics.written.increment(by: Int64(written))
                return
            } catch {
                state.withLock { $0.stats.retried += Int64(records.count) }
                metrics.retried.increment(by: Int64(records.count))
                let since = failingSince ?? ContinuousClock.now
                failingSince = since
                let closing = state.withLock { $0.closing }
                if let outbox, closing || ContinuousClock.now - since >= options.spillAfter {
                    if (try? await outbox.spill(records)) != nil {
                        state.withLock {
                            $0.stats.spilled += Int64(records.count)
                            $0.stats.outboxBatches += 1
                        }
                        metrics.spilled.increment(by: Int64(records.count))
                        return
                    }
                }
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, options.maxBackoff)
            }
        }
    }

    /// Writes `records` in one transaction; when the database refuses them for good, writes
    /// halves until each refused record is found and reported. Returns the number written.
    /// Throws only errors worth retrying.
    private func writeOrReject(_ records: [PendingRecord], _ rows: RowBatch? = nil) async throws -> Int {
        do {
            try await insert(rows ?? prepare(records))
            return records.count
        } catch let error as LedgerError where !error.isRetryable && error.kind != .closed {
            guard records.count > 1 else {
                state.withLock { $0.stats.rejected += 1 }
                metrics.rejected.increment()
                options.onReject?(RejectedRecord(id: records[0].id, kind: records[0].kind, error: error))
                return 0
            }
            let half = records.count / 2
            return try await writeOrReject(Array(records[..<half])) + writeOrReject(Array(records[half...]))
        }
    }

    /// Replays the outbox, oldest batch first, removing each once committed.
    private func replay() async throws {
        guard let outbox else { return }
        while let (seq, records) = try await outbox.oldest() {
            _ = try await writeOrReject(records)
            try await outbox.remove(seq)
            state.withLock {
                $0.stats.replayed += Int64(records.count)
                $0.stats.outboxBatches -= 1
            }
            metrics.replayed.increment(by: Int64(records.count))
        }
    }
}
