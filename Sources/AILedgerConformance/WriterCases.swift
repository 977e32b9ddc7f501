import AILedger
import Foundation

/// The buffered writer: everything recorded arrives exactly once, refused records are
/// reported, and close drains the buffer.
enum WriterCases {
    static let all: [ConformanceSuite.Case] = [
        .init(name: "a buffered writer stores 100,000 records from 16 tasks exactly once") { context in
            // A small buffer, so the tasks also wait for room.
            let ledger = try await context.reopen(writer: WriterOptions(capacity: 20_000, batchSize: 2_000))
            do {
                try await ledger.migrate()
                let workload = (0..<16).map { WriterWorkload(task: $0, units: 250) }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for part in workload { group.addTask { try await part.record(in: ledger) } }
                    try await group.waitForAll()
                }
                try Expect.that(await ledger.flush(timeout: .seconds(300)).isComplete, "every record written")
                let conversations = try await ledger.conversations(limit: 100_000)
                let interactions = try await ledger.interactions(limit: 100_000)
                let calls = try await ledger.calls(limit: 100_000)
                try Expect.equal(conversations.count + interactions.count + calls.count, 100_000, "records stored")
                try Expect.equal(calls.count, 80_000, "calls")
                try Expect.equal(Set(calls.map(\.id)).count, 80_000, "each call once")
                let expected = Dictionary(uniqueKeysWithValues: workload.flatMap(\.calls).map { ($0.id, $0) })
                try Expect.that(calls.allSatisfy { expected[$0.id] == $0 }, "every call intact, field by field")
                let byID = Dictionary(uniqueKeysWithValues: workload.flatMap(\.interactions).map { ($0.id, $0) })
                try Expect.that(interactions.allSatisfy { byID[$0.id] == $0 }, "every interaction intact")
                let usage = try await ledger.usage()
                try Expect.equal(usage.costUSD, workload.flatMap(\.calls).compactMap(\.costUSD).reduce(0, +), "exact cost")
                let stats = try Expect.some(ledger.writerStatistics, "statistics")
                try Expect.equal(stats.recorded, 100_000, "recorded")
                try Expect.equal(stats.written, 100_000, "written")
                try Expect.equal(stats.rejected + stats.spilled + stats.buffered, 0, "nothing rejected, spilled or left")
                await ledger.close()
            } catch {
                await ledger.close()
                throw error
            }
        },
        .init(name: "a buffered writer refuses invalid records and reports refused writes") { context in
            let refused = Locked<[RejectedRecord]>([])
            let ledger = try await context.reopen(writer: WriterOptions(batchSize: 100, onReject: { record in
                refused.withLock { $0.append(record) }
            }))
            do {
                try await ledger.migrate()
                try await Expect.error(.invalidRecord) {
                    try await ledger.record(Call(model: "m", usage: TokenUsage(input: -1)))
                }
                let orphan = Call(interactionID: UUID(), model: "orphan")  // no such interaction
                let fine = (0..<10).map { Call(model: "fine-\($0)") }
                try await ledger.record(RecordBatch(calls: fine + [orphan]))
                await ledger.flush()
                try Expect.equal(try await ledger.calls().count, 10, "the good records of the batch are written")
                try Expect.equal(refused.withLock { $0.map(\.id) }, [orphan.id], "the refused one is reported")
                try Expect.equal(refused.withLock { $0.first?.error.kind }, .foreignKeyViolation, "with why")
                let stats = try Expect.some(ledger.writerStatistics, "statistics")
                try Expect.equal(stats.rejected, 2, "the invalid and the refused record are counted")
                try Expect.equal(stats.written, 10, "written")
                await ledger.close()
            } catch {
                await ledger.close()
                throw error
            }
        },
        .init(name: "a burst reaching an idle writer is committed a piece at a time, its first records at once") { context in
            let ledger = try await context.reopen(writer: WriterOptions(flushInterval: .milliseconds(20)))
            do {
                try await ledger.migrate()
                // Six batches recorded at once, each of 20 interactions and 1,000 calls naming
                // them, so that interactions lie all through the burst's pieces, before their calls.
                let text = String(repeating: "a burst's prompt ", count: 60)
                let batches = (0..<6).map { part in
                    let interactions = (0..<20).map { Interaction(userID: "burst-\(part)-\($0)") }
                    return RecordBatch(interactions: interactions, calls: (0..<1_000).map {
                        Call(interactionID: interactions[$0 % 20].id, model: "burst", inputText: text)
                    })
                }
                let calls = batches.flatMap(\.calls)
                let total = Int64(batches.map { $0.interactions.count + $0.calls.count }.reduce(0, +))
                // Watched from a thread of its own, which busy database and pool threads cannot hold up.
                let seen = Locked<Set<Int64>>([]), watching = Locked(true)
                Thread.detachNewThread {
                    while watching.withLock({ $0 }) {
                        let written = ledger.writerStatistics?.written ?? 0
                        seen.withLock { _ = $0.insert(written) }
                        usleep(200)
                    }
                }
                defer { watching.withLock { $0 = false } }
                for batch in batches { try await ledger.record(batch) }
                try Expect.that(await ledger.flush(timeout: .seconds(60)).isComplete, "the burst is written")
                let counts = seen.withLock { $0 }
                try Expect.that(counts.contains { $0 > 0 && $0 < total },
                                "the first records were committed before the rest (written counts seen: \(counts.sorted()))")
                let stats = try Expect.some(ledger.writerStatistics, "statistics")
                try Expect.equal(stats.written, total, "written")
                try Expect.equal(stats.rejected, 0, "nothing rejected: each call's interaction came first")
                let stored = try await ledger.calls(LedgerFilter(model: "burst"), limit: 10_000)
                try Expect.equal(Set(stored.map(\.id)), Set(calls.map(\.id)), "every call stored once")
                try Expect.that(stored.allSatisfy { $0.userID?.hasPrefix("burst-") == true }, "with its interaction's user")
                await ledger.close()
            } catch {
                await ledger.close()
                throw error
            }
        },
        .init(name: "a buffered writer keeps every field of each call, whichever ones the rest of its batch leaves out") { context in
            // One batch of 150 calls: from 100 rows, the writer leaves out the columns NULL
            // in every row (and on SQLite writes each value straight into its packed rows).
            let ledger = try await context.reopen(writer: WriterOptions(batchSize: 1_000, flushInterval: .seconds(60)))
            do {
                try await ledger.migrate()
                let at = { (n: Int) in Samples.instant.addingTimeInterval(Double(n) + 0.000_001) }
                let conversation = Conversation(createdAt: at(0))
                var full = Samples.call(at: at(0))
                full.conversationID = conversation.id
                full.serviceTier = "flex"
                full.usage = TokenUsage(input: 5_000, output: 900, cacheRead: 1_100, cacheWrite: 300, cacheWrite1h: 120,
                                        reasoning: 128, inputAudio: 700, inputImage: 400, cacheReadAudio: 50,
                                        cacheReadImage: 60, outputAudio: 30, outputImage: 40)
                full.request = ["model": "gpt-4o-mini", "temperature": 0.25, "stream": false, "stop": .null,
                                "messages": [["role": "user", "content": .string(Samples.unicode + " \\ \u{1} \u{1F}")]],
                                "n": -3, "": [], "zz": [:], "ä": "é"]
                full.response = .array([.int(Int64.max), .int(Int64.min), .double(-1.5e-7), .string("\"quoted\" / slash")])
                full.metadata = ["tags": ["a", "b"], "nested": ["deep": ["deeper": true]], "retry": 2]
                var failed = Call(createdAt: at(1), model: "m", status: .error)
                failed.errorCode = "rate_limited"
                failed.errorMessage = "overloaded: \u{7}bell and 🚀"  // in this row only
                let calls = [full, failed] + (2..<150).map { Call(createdAt: at($0), model: "m") }
                try await ledger.record(RecordBatch(conversations: [conversation], calls: calls))
                try Expect.that(await ledger.flush(timeout: .seconds(60)).isComplete, "every record written")
                try Expect.equal(try await ledger.call(id: full.id), full, "the full call")
                try Expect.equal(try await ledger.call(id: failed.id), Samples.unpriced(failed), "the call with an error message alone")
                try Expect.equal(try await ledger.call(id: calls[120].id), Samples.unpriced(calls[120]), "a minimal call")
                try Expect.equal(try await ledger.calls(LedgerFilter(model: "m"), limit: 1_000).count, 149, "every call")
                await ledger.close()
            } catch {
                await ledger.close()
                throw error
            }
        },
        .init(name: "closing a buffered ledger writes everything it holds") { context in
            let ledger = try await context.reopen(writer: WriterOptions(batchSize: 50_000, flushInterval: .seconds(60)))
            try await ledger.migrate()
            let calls = (0..<5_000).map { Call(model: "drain", usage: TokenUsage(input: Int64($0))) }
            for call in calls { try await ledger.record(call) }
            try Expect.equal(ledger.writerStatistics?.buffered, 5_000, "still buffered: the batch is not full, the interval long")
            await ledger.close()
            try await Expect.error(.closed) { try await ledger.record(Call(model: "late")) }
            guard context.suite.reopenSharesDatabase else { return }
            let again = try await context.reopen()
            let stored = try await again.usage(LedgerFilter(model: "drain"))
            await again.close()
            try Expect.equal(stored.calls, 5_000, "every record written on close")
            try Expect.equal(stored.tokens.input, Int64((0..<5_000).reduce(0, +)), "intact")
        },
    ]
}
