import AILedger
import Foundation

/// A database call that never returns, the way a lock held elsewhere or a silent network
/// makes one: `close(timeout:)` must still return at its deadline, save to the outbox what
/// waits in memory, and report only what it could not save.
public enum StuckDatabase {
    /// Holds an exclusive lock on `ailedger_calls` through a second ledger at `url` while
    /// a buffered ledger records; `lock` and `unlock` are the backend's statements (run on
    /// one connection), and `waiting` counts the sessions waiting for that lock, asked on
    /// the same connection. `drivers` must include SQLite's, for the outbox.
    public static func expectCloseSavesWhatItCan(url: String, drivers: [any DatabaseDriver],
                                                 lock: [String], unlock: [String], waiting: String) async throws {
        let folder = try WriterFaultCases.temporaryFolder("stuck")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outboxURL = "sqlite://" + folder.path + "/outbox.db"
        let separator = url.contains("?") ? "&" : "?"
        let locker = try await Ledger.open(url: url + separator + "pool_size=1", drivers: drivers)
        try await locker.migrate()
        let ledger = try await Ledger.open(url: url, drivers: drivers, writer: WriterOptions(
            batchSize: 10, flushInterval: .milliseconds(20), outboxURL: outboxURL))
        let tag = "stuck-\(UUID().uuidString)"
        var locked = false
        do {
            for statement in lock { try await locker.database.withConnection(.write) { _ = try await $0.execute(statement, []) } }
            locked = true
            let calls = (0..<35).map { _ in Call(model: "stuck", userID: tag, inputText: SpilledSecret.text) }
            for call in calls { try await ledger.record(call) }
            // The writer takes its first batch and waits on the lock: close must find it stuck.
            var stuck = false
            for _ in 0..<3_000 where !stuck {
                let rows = try await locker.database.withConnection(.write) { try await $0.query(waiting, []) }
                switch rows.first?.values.first {
                case .integer(let count)?: stuck = count > 0
                case .text(let count)?: stuck = (Int(count) ?? 0) > 0
                default: break
                }
                if !stuck { try await Task.sleep(for: .milliseconds(20)) }
            }
            try Expect.that(stuck, "the writer waits on the lock")

            let started = ContinuousClock.now
            let result = await ledger.close(timeout: .milliseconds(500))
            try Expect.that(ContinuousClock.now - started < .seconds(10), "close returns near its deadline")
            let stats = try Expect.some(ledger.writerStatistics, "statistics")
            try Expect.that(stats.spilled > 0, "what waited in memory is in the outbox (spilled \(stats.spilled))")
            try Expect.that(result.unwritten > 0, "the batch stuck in the database is reported")
            try Expect.equal(stats.spilled + result.unwritten, 35, "every record spilled or reported")
            try Expect.equal(stats.abandoned, result.unwritten, "and counted")

            try await SpilledSecret.expectNotSpilled(outboxURL: outboxURL, drivers: drivers)

            for statement in unlock { try await locker.database.withConnection(.write) { _ = try await $0.execute(statement, []) } }
            locked = false
            let after = try await Ledger.open(url: url, drivers: drivers, writer: WriterOptions(flushInterval: .milliseconds(20), outboxURL: outboxURL))
            try await WriterFaultCases.waitFor("the outbox to replay") { after.writerStatistics?.outboxBatches == 0 }
            let stored = try await after.calls(LedgerFilter(userID: tag), limit: 100)
            await after.close()
            try Expect.equal(Set(stored.map(\.id)).count, stored.count, "nothing stored twice")
            try Expect.that(stored.count >= Int(stats.spilled), "every spilled record stored (\(stored.count) of \(stats.spilled))")
            try Expect.that(stored.allSatisfy { $0.inputText == SpilledSecret.redacted }, "every stored call redacted")
            await locker.close()
        } catch {
            if locked { for statement in unlock { _ = try? await locker.database.withConnection(.write) { try await $0.execute(statement, []) } } }
            await ledger.close(timeout: .zero)
            await locker.close()
            throw error
        }
    }
}
