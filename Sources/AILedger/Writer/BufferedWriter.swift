import Foundation
import Logging
import Synchronization

/// The background writer behind a buffered ledger: a bounded buffer that `enqueue` fills
/// in microseconds, and one task that writes it in batches, retries with backoff, spills
/// to the outbox while the database is away and replays the outbox, in order, once it is
/// back. While one batch is being written, the next one is redacted, sealed, priced and
/// turned into rows: the buffer holds records as callers gave them, and nothing leaves it,
/// for the database or the outbox, before it is redacted and sealed.
final class BufferedWriter: Sendable {
    typealias Prepare = @Sendable ([PendingRecord]) -> RowBatch
    /// A record redacted and sealed as it may be stored or spilled.
    typealias Protect = @Sendable (PendingRecord) throws -> PendingRecord
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
        /// Set when a close deadline passed: the writer stops, and what it cannot write or
        /// spill now is given up.
        var abandoning = false
        /// Set once close has counted what was given up: nothing is counted after it.
        var sealed = false
        var stats = WriterStatistics()

        var isReady: Bool { buffered >= batchSize || batches.count > 1 || ((urgent || closing) && buffered > 0) || (closing && buffered == 0) }

        mutating func append(_ record: PendingRecord) {
            if let last = batches.indices.last, batches[last].count < batchSize {
                batches[last].append(record)
            } else {
                // Room for the first records only: a batch's full size (160 KB for 20,000)
                // would be fresh memory, paged in by the calls that fill it.
                var batch: [PendingRecord] = []
                batch.reserveCapacity(Swift.min(batchSize, 1_024))
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
    private let protect: Protect?
    private let insert: Insert
    private let state: Mutex<State>
    private let metrics: WriterMetrics
    private let task = Locked<Task<Void, Never>?>(nil)
    /// Where batches are redacted, sealed and turned into rows: a thread of the writer's
    /// own, not the cooperative pool, whose few threads (one per core) the callers' tasks
    /// need. Preparing a batch of 20,000 realistic calls takes a quarter of a second or more,
    /// and the pool does not take a thread back from a job that runs that long.
    private let preparer = ConnectionThread(name: "ailedger prep")

    init(options: WriterOptions, outbox: Outbox?, protect: Protect?, prepare: @escaping Prepare, insert: @escaping Insert) {
        self.options = options
        self.outbox = outbox
        self.protect = protect
        self.prepare = prepare
        self.insert = insert
        metrics = WriterMetrics(dimensions: options.metricsDimensions)
        var state = State(batchSize: options.batchSize)
        state.stats.outboxBatches = outbox?.waitingAtOpen ?? 0  // known before the first statistics are read
        self.state = Mutex(state)
        // On a thread of its own, so that each step between database calls runs at once
        // rather than queueing behind the callers' work on the pool. Turning records into
        // rows, the writer's heavy work, runs on a second thread (`preparer`).
        let thread = ConnectionThread(name: "ailedger writer")
        task.withLock {
            $0 = Task.detached(executorPreference: thread, priority: .high) { [self] in
                await run()
                thread.stop()
                preparer.stop()
            }
        }
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
    /// that completes a batch. Inlined, so that `offer`, the caller's path, runs as one
    /// function rather than calling through a closure.
    @inline(__always)
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
                let (kept, refused) = protected(records())
                if !kept.isEmpty { try await outbox.spill(kept) }
                for (record, error) in refused { reject(record, error) }  // once spilled: a caller may retry a failed spill
                state.withLock { $0.stats.recorded += Int64(n) }
                metrics.recorded.increment(by: Int64(n))
                if !kept.isEmpty { countSpilled(kept.count) }
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

    /// Like `flush()`, but returns once `timeout` has passed, with what was left.
    func flush(timeout: Duration) async -> DrainResult {
        let target = state.withLock { $0.appended }
        if await Deadline.wait(timeout, for: { [self] in await flush() }) { return DrainResult(unwritten: 0) }
        let unwritten = max(0, target - state.withLock { $0.done })
        options.logger.warning("flush deadline passed with records unwritten", metadata: ["records": "\(unwritten)"])
        return DrainResult(unwritten: unwritten)
    }

    /// Writes what is buffered, stops the writer and closes the outbox. Records offered
    /// afterwards are refused with `LedgerError.Kind.closed`. Once `timeout` has passed,
    /// what still waits in memory goes to the outbox if there is one; what is left (all of
    /// it without an outbox, and a batch stuck in a database call) is given up, counted as
    /// abandoned and reported.
    func close(timeout: Duration) async -> DrainResult {
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
        let writer = task.withLock { $0 }
        var unwritten: Int64 = 0
        if let writer, await !Deadline.wait(timeout, for: { await writer.value }) {
            state.withLock { s in
                s.abandoning = true
                let wakeup = s.wakeup
                s.wakeup = nil
                return wakeup
            }?.resume()
            writer.cancel()
            // The writer stops at its next step; records still waiting in memory are saved here.
            if let outbox {
                let waiting = state.withLock { s in
                    defer { s.batches = []; s.buffered = 0 }
                    return s.batches
                }
                for batch in waiting { await save(batch, to: outbox) }
            }
            _ = await Deadline.wait(.seconds(2), for: { await writer.value })
            unwritten = seal()
            if unwritten > 0 {
                metrics.abandoned.increment(by: unwritten)
                options.logger.error("close deadline passed before the database took every record, and no outbox holds them: records given up",
                                     metadata: ["records": "\(unwritten)"])
            }
        }
        await outbox?.close()
        return DrainResult(unwritten: unwritten)
    }

    /// Redacts and seals `records`, taken from the buffer but not prepared, and spills them
    /// to `outbox` as the writer stops: each one refused while sealed, or spilled, is done;
    /// close counts the rest as given up.
    private func save(_ records: [PendingRecord], to outbox: Outbox?) async {
        let (kept, refused) = protected(records)
        for (record, error) in refused { reject(record, error) }
        if kept.count < records.count { finish(records.count - kept.count) }  // rejected while being sealed
        if let outbox, !kept.isEmpty, await spill(kept, to: outbox) { finish(kept.count) }
    }

    /// Counts every record not yet written, spilled or rejected as abandoned, once, and
    /// releases every waiter; later results of a writer still stuck in a call are ignored.
    private func seal() -> Int64 {
        let (left, waiters) = state.withLock { s in
            let left = max(0, s.appended - s.done)
            s.stats.abandoned += left
            s.done = s.appended
            s.batches = []
            s.buffered = 0
            s.inFlight = 0
            s.sealed = true
            let waiters = s.flushWaiters.map(\.continuation) + s.spaceWaiters
            s.flushWaiters = []
            s.spaceWaiters = []
            return (left, waiters)
        }
        waiters.forEach { $0.resume() }
        return left
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
        var prepared: Prepared?
        var written: Prepared?
        // A burst reaching an idle writer is written in pieces that double in size up to a
        // batch, the first small, so that the database starts at once and each piece is
        // prepared while the one before it is written. `carried` holds records taken from
        // the buffer for those pieces but not yet prepared (an array of their own, so that
        // records written are not held by it); `piece` is the size of the latest piece, zero
        // once the writer writes whole batches again.
        var carried: [PendingRecord] = []
        var piece = 0
        while true {
            if state.withLock({ $0.abandoning }) {
                // A batch already taken goes to the outbox if it can; close counts the rest.
                if let (records, _, taken) = prepared {
                    if taken > records.count { finish(taken - records.count) }  // rejected while being sealed
                    if let outbox, !records.isEmpty, await spill(records, to: outbox) { finish(records.count) }
                }
                if !carried.isEmpty { await save(carried, to: outbox) }
                break
            }
            let records: [PendingRecord], rows: RowBatch, taken: Int
            if let next = prepared {
                (records, rows, taken) = next
                prepared = nil
            } else {
                guard let batch = await nextBatch() else { break }
                if batch.isEmpty {
                    // An idle tick: replay the outbox if the database may be back.
                    if hasOutboxBatches && ContinuousClock.now >= replayAfter {
                        do {
                            try await replay()
                            // What is left waits for a parent: ask again after a pause.
                            if hasOutboxBatches { replayAfter = ContinuousClock.now + options.maxBackoff }
                        } catch {
                            options.logger.debug("outbox replay failed; trying again later", metadata: ["error": Self.describe(error)])
                            replayAfter = ContinuousClock.now + options.maxBackoff
                        }
                    }
                    continue
                }
                var first = batch
                if batch.count >= 2 * Self.firstPiece {
                    carried = Array(batch[Self.firstPiece...])
                    piece = Self.firstPiece
                    first = Array(batch[..<Self.firstPiece])
                }
                (records, rows, taken) = await withTaskExecutorPreference(preparer) { made(from: first) }
            }
            // The next piece: twice the last, or all that is carried if that is less than half
            // as much again, topped up with the next batch if it is due; at most a batch.
            var ahead: [PendingRecord]?
            if piece > 0 {
                piece = min(2 * piece, options.batchSize)
                if carried.count < piece + piece / 2, case .records(let next) = poll(waited: false) {
                    carried.append(contentsOf: next)
                }
                let count = min(carried.count < piece + piece / 2 ? carried.count : piece, options.batchSize)
                if count > 0 {
                    ahead = Array(carried[..<count])
                    carried = Array(carried[count...])
                }
                if carried.isEmpty && (count == 0 || piece == options.batchSize) { piece = 0 }
            }
            // Meanwhile, on the preparing thread, the batch written before is let go
            // (freeing thousands of values takes milliseconds) and the next one turned into
            // rows: the next piece, or the next batch if it is due.
            async let upcoming = preparingNext(releasing: Locked(written.take()), ahead: ahead)
            // Records rejected while being sealed are done with their batch, not before: a
            // flush waiting for the batch being written must not count them.
            if records.isEmpty {
                finish(taken)
            } else if await deliver(records, rows) {
                finish(taken)
            } else if taken > records.count {
                finish(taken - records.count)  // the rest is given up, and counted so by close
            }
            prepared = await upcoming
            written = (records, rows, taken)
        }
        let waiters = state.withLock { s in
            let waiters = s.flushWaiters.map(\.continuation) + s.spaceWaiters
            s.flushWaiters = []
            s.spaceWaiters = []
            return waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// The records of a batch reaching an idle writer that it writes first, when the batch
    /// holds at least twice as many: the database waits only while they are prepared.
    private static let firstPiece = 1_000

    /// A batch taken from the buffer: its records redacted and sealed, their rows, and how
    /// many records were taken (some may have been rejected while being sealed).
    private typealias Prepared = (records: [PendingRecord], rows: RowBatch, taken: Int)

    /// `batch`, as taken from the buffer, made ready to write.
    private func made(from batch: [PendingRecord]) -> Prepared {
        let (records, refused) = protected(batch)
        for (record, error) in refused { reject(record, error) }
        return (records, prepare(records), batch.count)
    }

    /// `records` redacted and sealed, as they may be stored or spilled, and those refused: a
    /// record whose fields cannot be sealed, and any record after it that refers to it (a
    /// call of a refused interaction), which the database would refuse too.
    private func protected(_ records: [PendingRecord]) -> (kept: [PendingRecord], refused: [(PendingRecord, LedgerError)]) {
        guard let protect else { return (records, []) }
        var kept: [PendingRecord] = [], refused: [(PendingRecord, LedgerError)] = [], refusedIDs = Set<UUID>()
        kept.reserveCapacity(records.count)
        for record in records {
            if !refusedIDs.isEmpty, let parent = record.parents.first(where: { refusedIDs.contains($0.id) }) {
                refused.append((record, LedgerError(.foreignKeyViolation, "\(record.kind).\(parent.field): the record it refers to was rejected")))
                refusedIDs.insert(record.id)
                continue
            }
            do {
                kept.append(try protect(record))
            } catch {
                refused.append((record, error as? LedgerError ?? LedgerError(.invalidConfiguration, "the record could not be sealed")))
                refusedIDs.insert(record.id)
            }
        }
        return (kept, refused)
    }

    /// `ahead`, or else the next batch if one is due, and its rows, made on the preparing
    /// thread, where the batch in `released` (its only reference) is let go too.
    private func preparingNext(releasing released: Locked<Prepared?>, ahead: [PendingRecord]?) async -> Prepared? {
        await withTaskExecutorPreference(preparer) {
            released.withLock { $0 = nil }
            if let ahead { return made(from: ahead) }
            guard case .records(let next) = poll(waited: false) else { return nil }
            return made(from: next)
        }
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
            Task.detached { [self] in  // a timer of its own, off the writer's thread
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
        let waiters = state.withLock { s -> [Waiter] in
            guard !s.sealed else { return [] }
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
    /// `spillAfter` (at once when closing); rejects, one by one, what the database refuses
    /// for good. Only a record-level error rejects a record; any other failure (a full disk,
    /// a read-only server, a timeout, a lost connection) is retried, then spilled. Returns
    /// false when it gave the records up: a close deadline passed and they could not be spilled.
    private func deliver(_ records: [PendingRecord], _ rows: RowBatch) async -> Bool {
        var failingSince: ContinuousClock.Instant?
        var pause = Duration.milliseconds(50)
        var pending = records, prepared: RowBatch? = rows
        var rejected = Set<UUID>()
        while true {
            do {
                if hasOutboxBatches { try await replay() }
                var deferred: [(PendingRecord, LedgerError)] = []
                let written = try await write(pending, prepared, rejected: &rejected, replaying: false, deferred: &deferred)
                state.withLock { if !$0.sealed { $0.stats.written += Int64(written) } }
                metrics.written.increment(by: Int64(written))
                if failingSince != nil {
                    options.logger.info("writing works again", metadata: ["records": "\(written)"])
                }
                return true
            } catch {
                // A record refused before the failure stays refused: never reported twice.
                if !rejected.isEmpty {
                    pending.removeAll { rejected.contains($0.id) }
                    prepared = nil
                    rejected = []
                    if pending.isEmpty { return true }
                }
                state.withLock { $0.stats.retried += Int64(pending.count) }
                metrics.retried.increment(by: Int64(pending.count))
                let since = failingSince ?? ContinuousClock.now
                let level: Logger.Level = failingSince == nil ? .warning : .debug
                options.logger.log(level: level, "writing a batch failed; retrying",
                                   metadata: ["records": "\(pending.count)", "error": Self.describe(error)])
                failingSince = since
                let (closing, abandoning) = state.withLock { ($0.closing, $0.abandoning) }
                if let outbox, closing || ContinuousClock.now - since >= options.spillAfter,
                   await spill(pending, to: outbox) {
                    return true
                }
                if abandoning { return false }
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, options.maxBackoff)
            }
        }
    }

    /// Saves `records` to the outbox as one batch and counts them; false when it could not.
    private func spill(_ records: [PendingRecord], to outbox: Outbox) async -> Bool {
        do {
            try await outbox.spill(records)
        } catch {
            options.logger.error("spilling to the outbox failed", metadata: ["error": Self.describe(error)])
            return false
        }
        countSpilled(records.count)
        options.logger.warning("batch spilled to the outbox", metadata: ["records": "\(records.count)"])
        return true
    }

    private func countSpilled(_ n: Int) {
        state.withLock {
            $0.stats.spilled += Int64(n)
            $0.stats.outboxBatches += 1
        }
        metrics.spilled.increment(by: Int64(n))
    }

    /// Writes `records` in one transaction; when the database refuses them for a record-level
    /// reason, writes halves until each refused record is found. A refused record is
    /// rejected and its id added to `rejected`, or, when `replaying`, added to `deferred` if
    /// a record it refers to is missing. Returns the number written; throws any other
    /// error, for the whole batch to be tried again.
    private func write(_ records: [PendingRecord], _ rows: RowBatch?, rejected: inout Set<UUID>, replaying: Bool,
                       deferred: inout [(PendingRecord, LedgerError)]) async throws -> Int {
        do {
            try await insert(rows ?? prepare(records))
            return records.count
        } catch let error as LedgerError where error.isRecordLevel {
            guard records.count > 1 else {
                if replaying && error.kind == .foreignKeyViolation {
                    deferred.append((records[0], error))
                } else {
                    reject(records[0], error)
                    rejected.insert(records[0].id)
                }
                return 0
            }
            let half = records.count / 2
            let first = try await write(Array(records[..<half]), nil, rejected: &rejected, replaying: replaying, deferred: &deferred)
            return try await first + write(Array(records[half...]), nil, rejected: &rejected, replaying: replaying, deferred: &deferred)
        }
    }

    private func reject(_ record: PendingRecord, _ error: LedgerError) {
        state.withLock { $0.stats.rejected += 1 }
        metrics.rejected.increment()
        options.logger.error("record rejected",
                             metadata: ["id": "\(record.id.ledgerString)", "record": "\(record.kind)", "error": "\(error)"])
        options.onReject?(RejectedRecord(id: record.id, kind: record.kind, error: error))
    }

    /// How many replays may put back a record whose conversation or interaction is not
    /// written yet before it is rejected; replays of such records are `maxBackoff` apart.
    static let replayAttempts: Int64 = 10

    /// Replays the outbox, oldest batch first, removing each once committed. A record whose
    /// parent is not written yet goes back to the outbox, to be tried again later; a batch
    /// that cannot be read moves to the dead-letter table.
    private func replay() async throws {
        guard let outbox, let last = try await outbox.newest() else { return }
        while let entry = try await outbox.oldest(through: last, deferredBefore: Date() - Self.seconds(options.maxBackoff)) {
            let records: [PendingRecord]
            switch entry.records {
            case .failure(let error):
                try await outbox.bury(entry.seq, reason: error.message)
                state.withLock {
                    $0.stats.deadLettered += entry.count
                    $0.stats.outboxBatches -= 1
                }
                metrics.deadLettered.increment(by: entry.count)
                options.logger.error("an outbox batch could not be read and moved to ailedger_outbox_dead",
                                     metadata: ["seq": "\(entry.seq)", "records": "\(entry.count)", "error": "\(error)"])
                continue
            case .success(let decoded):
                records = decoded
            }
            var rejected = Set<UUID>()
            var putBack: [(PendingRecord, LedgerError)] = []
            let written: Int
            do {
                written = try await write(records, nil, rejected: &rejected, replaying: true, deferred: &putBack)
            } catch {
                // What was rejected before the failure leaves the batch, so it is never
                // rejected and reported again when the batch is replayed.
                if !rejected.isEmpty { try? await outbox.rewrite(entry.seq, records.filter { !rejected.contains($0.id) }) }
                throw error
            }
            if putBack.isEmpty || entry.attempts + 1 >= Self.replayAttempts {
                for (record, error) in putBack { reject(record, error) }
                try await outbox.remove(entry.seq)
                state.withLock { $0.stats.outboxBatches -= 1 }
            } else {
                try await outbox.requeue(entry.seq, putBack.map(\.0), attempts: entry.attempts + 1)
                state.withLock { $0.stats.deferred += Int64(putBack.count) }
                metrics.deferred.increment(by: Int64(putBack.count))
                options.logger.notice("records whose parent is not written yet go back to the outbox",
                                      metadata: ["records": "\(putBack.count)", "attempt": "\(entry.attempts + 1)"])
            }
            state.withLock { $0.stats.replayed += Int64(written) }
            metrics.replayed.increment(by: Int64(written))
            if written > 0 { options.logger.info("replayed from the outbox", metadata: ["records": "\(written)"]) }
        }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// An error as a log value: a `LedgerError`'s text never holds a value or a password.
    private static func describe(_ error: any Error) -> Logger.MetadataValue {
        if let error = error as? LedgerError { return "\(error)" }
        return "\(type(of: error))"
    }
}
