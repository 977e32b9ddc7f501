import AILedger
import Foundation

/// The outbox keeps parents before children: with `whenFull: .spill`, records that find the
/// buffer full go straight to the outbox while older ones, their conversations and
/// interactions among them, still wait in memory for a database that is away. Once it is
/// back, a replayed record whose parent is not written yet waits for it; nothing is lost.
public enum OutboxOrdering {
    /// Records 100 units (a conversation, 5 interactions, 10 calls each) while `down` has
    /// made the database at `url` unavailable, then calls `up` and checks every record is
    /// stored exactly once, none rejected, and that some child did wait for its parent.
    /// `drivers` must include SQLite's, for the outbox.
    public static func expectParentsBeforeChildren(url: String, drivers: [any DatabaseDriver],
                                                   down: @Sendable () async throws -> Void,
                                                   up: @Sendable () async throws -> Void) async throws {
        let folder = try WriterFaultCases.temporaryFolder("ordering")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A capacity that is no multiple of a unit's 16 records, so units straddle it.
        let outboxURL = "sqlite://" + folder.path + "/outbox.db"
        let options = WriterOptions(capacity: 600, batchSize: 100, flushInterval: .milliseconds(20), whenFull: .spill,
                                    outboxURL: outboxURL, spillAfter: .milliseconds(300),
                                    maxBackoff: .milliseconds(100))
        // User ids as keyed pseudonyms: a record redacted twice (when spilled, then again when
        // replayed) would be stored under another user.
        var policy = RedactionPolicy.secrets
        policy.userIDs = .pseudonym
        policy.pseudonymKey = Array("the ordering scenario's pseudonym key".utf8)
        let ledger = try await Ledger.open(url: url, drivers: drivers, writer: options, redaction: policy)
        let tag = "ordering-\(UUID().uuidString)"
        let units = (0..<100).map { OutageUnit(tag: tag, index: $0) }
        do {
            try await ledger.migrate()
            try await down()
            for unit in units { try await unit.record(in: ledger) }
            try await WriterFaultCases.waitFor("the buffer to spill") { ledger.writerStatistics?.buffered == 0 }
            // Spilled by callers finding the buffer full, and by the writer giving up retrying.
            try await SpilledSecret.expectNotSpilled(outboxURL: outboxURL, drivers: drivers)
            try await up()
            try await WriterFaultCases.waitFor("the outbox to replay") { ledger.writerStatistics?.outboxBatches == 0 }
            try Expect.that(await ledger.flush(timeout: .seconds(60)).isComplete, "flushed")

            let filter = LedgerFilter(userID: try Expect.some(try Redactor(policy: policy).redactedUserID(tag), "a pseudonym"))
            let calls = try await ledger.calls(filter, limit: 10_000)
            let stored = Set(calls.map(\.id))
            try Expect.equal(units.flatMap(\.calls).filter { !stored.contains($0.id) }.count, 0, "calls missing")
            try Expect.equal(calls.count, 1_000, "each once")
            try Expect.that(calls.allSatisfy { $0.inputText == SpilledSecret.redacted }, "each redacted")
            try Expect.equal(try await ledger.interactions(filter, limit: 10_000).count, 500, "every interaction")
            try Expect.equal(try await ledger.conversations(filter, limit: 10_000).count, 100, "every conversation")
            let stats = try Expect.some(ledger.writerStatistics, "statistics")
            try Expect.equal(stats.rejected, 0, "nothing rejected")
            try Expect.that(stats.deferred > 0, "some replayed record waited for its parent")
            try Expect.equal(stats.replayed, stats.spilled, "every record spilled was replayed, and counted once")
            try Expect.equal(stats.replayed + stats.written, 1_600, "every record written once")
            await ledger.close()
        } catch {
            try? await up()
            await ledger.close()
            throw error
        }
    }
}
