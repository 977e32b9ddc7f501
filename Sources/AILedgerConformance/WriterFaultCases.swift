import AILedger
import Foundation

/// The buffered writer under failures: what the database refuses for one record is
/// rejected once, what fails for the whole database is retried and never rejected, the
/// outbox keeps going past a batch it cannot read, and a drain has a deadline.
enum WriterFaultCases {
    static let all: [ConformanceSuite.Case] = [
        .init(name: "database-wide failures are retried, never taken for bad records") { context in
            let faults = FaultTrigger(driver: context.ledger.driver.name)
            let refused = Locked<[UUID]>([])
            let ledger = try await context.reopen(writer: WriterOptions(
                batchSize: 100, flushInterval: .milliseconds(20), maxBackoff: .milliseconds(50), drainTimeout: .seconds(60),
                onReject: { record in refused.withLock { $0.append(record.id) } }))
            do {
                try await ledger.migrate()
                var expected = 0
                for outage in faults.outages {
                    try await faults.begin(outage, on: ledger)
                    // Large texts, so that the calls need pages the file may not grow to.
                    let text = String(repeating: "x", count: 20_000)
                    let calls = (0..<5).map { _ in Call(model: "blocked", inputText: text, metadata: ["outage": .string(outage)]) }
                        + (0..<5).map { _ in Call(model: "fine", metadata: ["outage": .string(outage)]) }
                    let before = ledger.writerStatistics?.retried ?? 0
                    try await ledger.record(RecordBatch(calls: calls))
                    try await waitFor("the writer to retry during \(outage)") { (ledger.writerStatistics?.retried ?? 0) >= before + 20 }
                    try Expect.equal(ledger.writerStatistics?.rejected, 0, "nothing rejected during \(outage)")
                    try Expect.equal(ledger.writerStatistics?.written, Int64(expected), "nothing written during \(outage)")
                    try await faults.end(outage, on: ledger)
                    expected += calls.count
                    try Expect.that(await ledger.flush().isComplete, "the batch is written once \(outage) is over")
                }
                let stats = try Expect.some(ledger.writerStatistics, "statistics")
                try Expect.equal(stats.written, Int64(expected), "every call written")
                try Expect.equal(stats.rejected, 0, "nothing rejected")
                try Expect.equal(refused.withLock { $0 }, [], "nothing reported refused")
                try Expect.equal(try await ledger.usage().calls, Int64(expected), "every call stored once")
                await ledger.close()
            } catch {
                for outage in faults.outages { try? await faults.end(outage, on: ledger) }
                await ledger.close()
                throw error
            }
        },
        .init(name: "a record refused before a database-wide failure is reported once") { context in
            let faults = FaultTrigger(driver: context.ledger.driver.name)
            let refused = Locked<[UUID]>([])
            let ledger = try await context.reopen(writer: WriterOptions(
                batchSize: 100, flushInterval: .milliseconds(20), maxBackoff: .milliseconds(50),
                onReject: { record in refused.withLock { $0.append(record.id) } }))
            let outage = faults.outages[0]
            do {
                try await ledger.migrate()
                try await faults.begin(outage, on: ledger)
                let bad = faults.refusesByTrigger ? Call(model: "refused") : Call(interactionID: UUID(), model: "orphan")
                // The refused call comes first, so it is found before the blocked one fails the batch.
                let calls = [bad, Call(model: "blocked")] + (0..<8).map { Call(model: "fine-\($0)") }
                try await ledger.record(RecordBatch(calls: calls))
                try await waitFor("the refused call to be found") { refused.withLock { !$0.isEmpty } }
                let retried = ledger.writerStatistics?.retried ?? 0
                try await waitFor("the batch to be retried") { (ledger.writerStatistics?.retried ?? 0) >= retried + 9 * 3 }
                try await faults.end(outage, on: ledger)
                try Expect.that(await ledger.flush().isComplete, "the batch is written once the failure is over")
                try Expect.equal(refused.withLock { $0 }, [bad.id], "the refused call is reported once")
                let stats = try Expect.some(ledger.writerStatistics, "statistics")
                try Expect.equal(stats.rejected, 1, "rejected once")
                try Expect.equal(stats.written, 9, "the others written")
                try Expect.equal(Set(try await ledger.calls().map(\.id)), Set(calls.dropFirst().map(\.id)), "stored")
                await ledger.close()
            } catch {
                try? await faults.end(outage, on: ledger)
                await ledger.close()
                throw error
            }
        },
        .init(name: "without an outbox, flush and close give up at their deadline and say what was left") { context in
            let faults = FaultTrigger(driver: context.ledger.driver.name)
            let outage = faults.outages[0]
            let ledger = try await context.reopen(writer: WriterOptions(
                batchSize: 100, flushInterval: .milliseconds(20), maxBackoff: .milliseconds(50)))
            do {
                try await ledger.migrate()
                try await faults.begin(outage, on: ledger)
                try await ledger.record(RecordBatch(calls: (0..<7).map { _ in Call(model: "blocked", inputText: String(repeating: "x", count: 20_000)) }))
                let started = ContinuousClock.now
                let flushed = await ledger.flush(timeout: .milliseconds(500))
                try Expect.equal(flushed.unwritten, 7, "flush reports what is left")
                try Expect.that(ContinuousClock.now - started < .seconds(10), "flush returns at its deadline")
                let closed = await ledger.close(timeout: .milliseconds(500))
                try Expect.equal(closed.unwritten, 7, "close reports what it gave up")
                try Expect.that(ContinuousClock.now - started < .seconds(20), "close returns at its deadline")
                let stats = try Expect.some(ledger.writerStatistics, "statistics")
                try Expect.equal(stats.abandoned, 7, "the records given up are counted")
                try Expect.equal(stats.rejected, 0, "and not taken for bad records")
                try await faults.end(outage, on: context.ledger)
                if context.suite.reopenSharesDatabase {
                    try Expect.equal(try await context.ledger.usage().calls, 0, "nothing was written")
                }
            } catch {
                try? await faults.end(outage, on: context.ledger)
                await ledger.close(timeout: .zero)
                throw error
            }
        },
        .init(name: "an outbox batch that cannot be read is moved aside and blocks nothing") { context in
            let folder = try temporaryFolder("dead-letter")
            defer { try? FileManager.default.removeItem(at: folder) }
            let outboxURL = "sqlite://" + folder.path + "/outbox.db"
            // An outbox left by an earlier process, with a batch this version cannot read.
            let first = try await context.reopen(writer: WriterOptions(outboxURL: outboxURL))
            await first.close()
            let outbox = try await Ledger.open(url: outboxURL, drivers: context.suite.drivers)
            try await outbox.database.withConnection(.write) { connection in
                for batch in ["[{\"shape\": \"from another version\"}]", "not json at all"] {
                    _ = try await connection.execute(
                        "INSERT INTO ailedger_outbox (records, spilled_at, batch) VALUES (3, '2026-01-01T00:00:00.000000Z', ?)",
                        [.text(batch)])
                }
            }
            await outbox.close()

            let ledger = try await context.reopen(writer: WriterOptions(flushInterval: .milliseconds(20), outboxURL: outboxURL))
            do {
                try await ledger.migrate()
                let calls = (0..<10).map { Call(model: "after-\($0)") }
                for call in calls { try await ledger.record(call) }
                try Expect.that(await ledger.flush(timeout: .seconds(30)).isComplete, "later records are written")
                try Expect.equal(Set(try await ledger.calls().map(\.id)), Set(calls.map(\.id)), "every later record stored")
                let stats = try Expect.some(ledger.writerStatistics, "statistics")
                try Expect.equal(stats.deadLettered, 6, "the unreadable batches' records are counted")
                try Expect.equal(stats.outboxBatches, 0, "the outbox is empty")
                try Expect.equal(stats.written, 10, "written")
                await ledger.close()
            } catch {
                await ledger.close()
                throw error
            }
            let check = try await Ledger.open(url: outboxURL, drivers: context.suite.drivers)
            let dead = try await check.database.withConnection(.read) { connection in
                try await connection.query("SELECT reason FROM ailedger_outbox_dead ORDER BY seq", [])
            }
            await check.close()
            try Expect.equal(dead.count, 2, "both batches kept in the dead-letter table")
            try Expect.that(dead.allSatisfy { row in
                if case .text(let reason)? = row.values.first { return reason.hasPrefix("an outbox batch could not be read") }
                return false
            }, "with the reason")
        },
    ]

    /// A new, empty folder for a case's files.
    static func temporaryFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Polls `condition` every 20 ms for up to 60 s.
    static func waitFor(_ what: String, _ condition: () -> Bool) async throws {
        for _ in 0..<3_000 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ConformanceFailure(message: "timed out waiting for \(what)", location: #fileID)
    }
}
