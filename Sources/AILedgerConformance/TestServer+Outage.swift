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

    /// Kills a recording process (`WriterProbe`, built beside the test binary) without
    /// warning while the server is down and it is spilling to its outbox, then opens a
    /// ledger on the same outbox once the server is back: the outbox replays, every unit the
    /// process reported durable is stored, redacted, and nothing is stored twice or in part.
    public func expectOutboxSurvivesAKill(url: String, drivers: [any DatabaseDriver]) async throws {
        let probe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("WriterProbe")
        guard FileManager.default.isExecutableFile(atPath: probe.path) else {
            throw ConformanceFailure(message: "\(probe.path) is missing: build it with `swift build --build-tests`", location: #fileID)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outboxURL = "sqlite://" + folder.path + "/outbox.db"
        let tag = "kill-\(UUID().uuidString)"
        let setup = try await Ledger.open(url: url, drivers: drivers)
        try await setup.migrate()
        await setup.close()

        let child = try ChildProcess.spawn([probe.path, url, outboxURL, tag])
        let durable: Int
        do {
            try await waitFor("the probe to record") { (child.lastNumber(after: "durable") ?? 0) >= 5 }
            try await stop()
            let beforeStop = child.lastNumber(after: "durable") ?? 0
            try await waitFor("the probe to spill") { (child.lastNumber(after: "durable") ?? 0) >= beforeStop + 30 }
            await child.kill()
            durable = try Expect.some(child.lastNumber(after: "durable"), "units reported durable")
            try await start()
            // What the killed process spilled was redacted first (`SpilledSecret`).
            try await SpilledSecret.expectNotSpilled(outboxURL: outboxURL, drivers: drivers)
        } catch {
            await child.kill()
            try? await start()
            throw ConformanceFailure(message: "\(error); the probe printed: \(child.output.suffix(2_000))", location: #fileID)
        }

        let ledger = try await Ledger.open(url: url, drivers: drivers,
                                           writer: WriterOptions(flushInterval: .milliseconds(20), outboxURL: outboxURL))
        do {
            let opened = try Expect.some(ledger.writerStatistics, "statistics")
            try Expect.that(opened.outboxBatches > 0 || opened.replayed > 0, "the batches the killed process left are counted at open")
            try await waitFor("the outbox to replay") { ledger.writerStatistics?.outboxBatches == 0 }
            let filter = LedgerFilter(userID: tag)
            let conversations = try await ledger.conversations(filter, limit: 100_000)
            let titles = conversations.compactMap(\.title)
            try Expect.equal(Set(titles).count, titles.count, "each unit's conversation once")
            let missing = (0..<durable).filter { !titles.contains("unit \($0)") }
            try Expect.equal(missing, [], "units reported durable and not stored")
            // A unit still being recorded when the process died may be stored in part.
            let reported = Set(conversations.filter { c in (0..<durable).contains { c.title == "unit \($0)" } }.map(\.id.ledgerString))
            let totals = try await ledger.usage(by: .conversation, filter)
            try Expect.that(totals.allSatisfy { $0.summary.calls <= 10 && $0.summary.tokens.input == $0.summary.calls * 42 },
                            "no call counted twice")
            let whole = totals.filter { reported.contains($0.key ?? "") }
            try Expect.equal(whole.count, durable, "a total per unit reported durable")
            try Expect.that(whole.allSatisfy { $0.summary.calls == 10 }, "every unit reported durable stored whole")
            let calls = try await ledger.calls(filter, limit: 100_000)
            try Expect.that(!calls.isEmpty && calls.allSatisfy { $0.inputText == SpilledSecret.redacted }, "every stored call redacted")
            let stats = try Expect.some(ledger.writerStatistics, "statistics")
            try Expect.that(stats.replayed > 0, "the outbox replayed")
            try Expect.equal(stats.rejected, 0, "nothing rejected")
            await ledger.close()
        } catch {
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
