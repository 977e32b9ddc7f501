import AILedger
import Foundation

extension TestServer {
    /// Records through a buffered ledger while the server is stopped and started again:
    /// batches spill to a local outbox while it is away and replay once it is back, and
    /// every record ends up stored exactly once, with conversation totals right.
    /// `drivers` must include SQLite's, for the outbox.
    public func expectNothingLostAcrossAnOutage(url: String, drivers: [any DatabaseDriver]) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-outage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = WriterOptions(batchSize: 200, flushInterval: .milliseconds(20), outboxURL: "sqlite://" + folder.path + "/outbox.db",
                                    spillAfter: .milliseconds(300), maxBackoff: .milliseconds(200))
        let ledger = try await Ledger.open(url: url, drivers: drivers, writer: options)
        let tag = "outage-\(UUID().uuidString)"
        let units = (0..<60).map { OutageUnit(tag: tag, index: $0) }
        do {
            try await ledger.migrate()
            for unit in units[0..<20] { try await unit.record(in: ledger) }
            await ledger.flush()
            try await stop()
            for unit in units[20..<50] { try await unit.record(in: ledger) }
            try await waitFor("batches to spill while the server is down") { (ledger.writerStatistics?.spilled ?? 0) > 0 }
            for unit in units[50..<60] { try await unit.record(in: ledger) }
            await ledger.flush()
            try await start()
            try await waitFor("the outbox to replay") { ledger.writerStatistics?.outboxBatches == 0 }
            await ledger.flush()

            let filter = LedgerFilter(userID: tag)
            let calls = try await ledger.calls(filter, limit: 10_000)
            try Expect.equal(calls.count, 60 * 10, "every call stored")
            try Expect.equal(Set(calls.map(\.id)), Set(units.flatMap(\.calls).map(\.id)), "each exactly once")
            try Expect.equal(try await ledger.interactions(filter, limit: 10_000).count, 60 * 5, "every interaction")
            try Expect.equal(try await ledger.conversations(filter, limit: 10_000).count, 60, "every conversation")
            let totals = try await ledger.usage(by: .conversation, filter)
            try Expect.equal(totals.count, 60, "a total per conversation")
            try Expect.that(totals.allSatisfy { $0.summary.calls == 10 && $0.summary.tokens.input == 10 * 42 },
                            "conversation totals counted once")
            let stats = try Expect.some(ledger.writerStatistics, "statistics")
            try Expect.that(stats.spilled > 0, "something spilled")
            try Expect.equal(stats.replayed, stats.spilled, "everything spilled was replayed")
            try Expect.equal(stats.rejected, 0, "nothing rejected")
            await ledger.close()
        } catch {
            try? await start()
            await ledger.close()
            throw error
        }
    }

    /// Polls `condition` every 50 ms for up to 60 s.
    func waitFor(_ what: String, _ condition: () -> Bool) async throws {
        for _ in 0..<1_200 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ConformanceFailure(message: "timed out waiting for \(what)", location: #fileID)
    }
}
