import AILedger
import Foundation

/// Recording and reading back every model, every field.
enum RecordingCases {
    static let all: [ConformanceSuite.Case] = [
        .init(name: "call round-trips every field") { context in
            let ledger = context.ledger
            let full = Samples.call()
            try await ledger.record(full)
            try Expect.equal(try await ledger.call(id: full.id), full, "full call")

            let minimal = Call(model: "m")
            try await ledger.record(minimal)
            let readMinimal = try await ledger.call(id: minimal.id)
            try Expect.equal(readMinimal?.usage, TokenUsage(), "NULL token counts stay NULL, not zero")
            try Expect.equal(readMinimal?.costUSD, nil, "a NULL cost stays NULL")
            try Expect.equal(readMinimal?.id, minimal.id, "minimal call id")

            let extreme = Call(createdAt: Timestamp.date(microseconds: 253_402_300_799_000_000), model: "x",
                               usage: TokenUsage(input: 1_000_000_000_000, output: 1_000_000_000_000, cacheRead: 500_000_000_000,
                                                 cacheWrite: 500_000_000_000, reasoning: 1_000_000_000_000),
                               costUSD: Decimal(string: "9000000000.999999999")!, latencyMs: 0)
            try await ledger.record(extreme)
            try Expect.equal(try await ledger.call(id: extreme.id), extreme, "extreme values")

            let ancient = Call(createdAt: Timestamp.date(microseconds: Timestamp.minMicroseconds), model: "y")
            try await ledger.record(ancient)
            try Expect.equal(try await ledger.call(id: ancient.id)?.createdAt, ancient.createdAt, "year-1 timestamp")

            let megabyte = String(repeating: "ab€🚀\n", count: 1_048_576 / 10)
            let large = Call(model: "big", inputText: megabyte, outputText: megabyte)
            try await ledger.record(large)
            try Expect.that(try await ledger.call(id: large.id)?.inputText == megabyte, "1 MB text round-trips")
            try Expect.equal(try await ledger.call(id: UUID()), nil, "unknown id reads as nil")
        },
        .init(name: "a large batch keeps every field, whichever ones its other records leave out") { context in
            // From 100 rows, a table's insert leaves out the columns NULL in every row.
            let ledger = context.ledger
            let at = { (n: Int) in Samples.instant.addingTimeInterval(Double(n)) }
            let conversations = [Samples.conversation()] + (1..<100).map { Conversation(createdAt: at($0)) }
            let interactions = [Samples.interaction(conversation: conversations[0].id)]
                + (1..<100).map { Interaction(createdAt: at($0)) }
            var full = Samples.call()
            full.serviceTier = "flex"  // in this row only
            var failed = Call(createdAt: at(1), model: "m", status: .error)
            failed.errorMessage = "overloaded"  // in this row only
            let calls = [full, failed] + (2..<150).map { Call(createdAt: at($0), model: "m") }
            try await ledger.record(RecordBatch(conversations: conversations, interactions: interactions, calls: calls))
            try Expect.equal(try await ledger.conversation(id: conversations[0].id), conversations[0], "the full conversation")
            try Expect.equal(try await ledger.conversation(id: conversations[50].id), conversations[50], "a minimal conversation")
            try Expect.equal(try await ledger.interaction(id: interactions[0].id), interactions[0], "the full interaction")
            try Expect.equal(try await ledger.interaction(id: interactions[50].id), interactions[50], "a minimal interaction")
            try Expect.equal(try await ledger.call(id: full.id), full, "the full call")
            try Expect.equal(try await ledger.call(id: failed.id), Samples.unpriced(failed), "the call with an error message alone")
            try Expect.equal(try await ledger.call(id: calls[100].id), Samples.unpriced(calls[100]), "a minimal call")
            try Expect.equal(try await context.count("ailedger_calls"), 150, "every call")
        },
        .init(name: "microsecond timestamps round-trip exactly") { context in
            for micros: Int64 in [0, 1, -1, 999_999, 1_741_064_767_000_001, 1_741_064_767_999_999, 4_102_444_800_123_457] {
                let call = Call(createdAt: Timestamp.date(microseconds: micros), model: "t")
                try await context.ledger.record(call)
                let read = try await context.ledger.call(id: call.id)
                try Expect.equal(read.map { Timestamp.microseconds($0.createdAt) }, micros, "microseconds")
            }
        },
        .init(name: "interaction with calls, conversation and model round-trip") { context in
            let ledger = context.ledger
            let conversation = Samples.conversation()
            try await ledger.record(conversation)
            try Expect.equal(try await ledger.conversation(id: conversation.id), conversation, "conversation")

            let interaction = Samples.interaction(conversation: conversation.id)
            var first = Samples.call()
            first.userID = nil
            let second = Call(createdAt: Samples.instant.addingTimeInterval(1), model: "claude-3-5-haiku",
                              provider: "anthropic", status: .error, errorCode: "overloaded", errorMessage: "529 overloaded")
            try await ledger.record(interaction, calls: [first, second])
            try Expect.equal(try await ledger.interaction(id: interaction.id), interaction, "interaction")

            let calls = try await ledger.calls(LedgerFilter(interactionID: interaction.id))
            try Expect.equal(calls.map(\.id), [second.id, first.id], "calls of the interaction, newest first")
            try Expect.that(calls.allSatisfy { $0.conversationID == conversation.id }, "calls inherit the conversation")
            try Expect.that(calls.allSatisfy { $0.userID == "user-1" }, "calls inherit the user")

            let model = AIModel(name: "gpt-4o", version: "2024-08-06", provider: "openai", metadata: ["context_window": 128_000])
            let registered = try await ledger.register(model)
            try Expect.equal(registered, model, "model registered")
            let again = try await ledger.register(AIModel(name: "gpt-4o", version: "2024-08-06", provider: "openai"))
            try Expect.equal(again.id, model.id, "registering the same model returns the first")
            try Expect.equal(try await ledger.model(id: model.id), model, "model read by id")
        },
        .init(name: "feedback is stored and replaced") { context in
            let ledger = context.ledger
            let interaction = Interaction(createdAt: Samples.instant, interactionType: "title")
            try await ledger.record(interaction)
            try Expect.equal(try await ledger.interaction(id: interaction.id)?.feedback, nil, "no feedback yet")
            let feedback = Feedback(rating: .rejected, comment: "off-topic, \"wrong\"", qualityScore: 10, editDistance: 0,
                                    at: Samples.instant.addingTimeInterval(60))
            try await ledger.recordFeedback(feedback, forInteraction: interaction.id)
            try Expect.equal(try await ledger.interaction(id: interaction.id)?.feedback, feedback, "feedback stored")
            let accepted = Feedback(rating: .accepted, at: Samples.instant.addingTimeInterval(120))
            try await ledger.recordFeedback(accepted, forInteraction: interaction.id)
            try Expect.equal(try await ledger.interaction(id: interaction.id)?.feedback, accepted, "feedback replaced")
            try await Expect.error(.notFound) { try await ledger.recordFeedback(accepted, forInteraction: UUID()) }
        },
        .init(name: "listing filters newest first") { context in
            let ledger = context.ledger
            let base = Samples.instant
            var calls: [Call] = []
            for i in 0..<30 {
                calls.append(Call(createdAt: base.addingTimeInterval(Double(i) * 60), model: i % 3 == 0 ? "gpt-4o" : "claude",
                                  status: i % 5 == 0 ? .error : .success, userID: "user-\(i % 2)"))
            }
            try await ledger.record(RecordBatch(calls: calls.shuffled()))
            let all = try await ledger.calls(limit: 1_000)
            try Expect.equal(all.map(\.id), calls.reversed().map(\.id), "every call, newest first")
            try Expect.equal(try await ledger.calls(limit: 5).map(\.id), Array(calls.reversed().prefix(5)).map(\.id), "limit")
            let window = try await ledger.calls(LedgerFilter(since: base.addingTimeInterval(600), until: base.addingTimeInterval(1200)))
            try Expect.equal(window.map(\.id), calls[10..<20].reversed().map(\.id), "time range is [since, until)")
            let filtered = try await ledger.calls(LedgerFilter(userID: "user-0", model: "gpt-4o", status: .error))
            try Expect.equal(filtered.map(\.id), calls.enumerated().filter { i, _ in i % 2 == 0 && i % 3 == 0 && i % 5 == 0 }
                .map(\.element.id).reversed(), "user, model and status together")

            var interactions: [Interaction] = []
            for i in 0..<12 {
                interactions.append(Interaction(createdAt: base.addingTimeInterval(Double(i)), interactionType: i % 2 == 0 ? "chat" : "title",
                                                status: i % 4 == 0 ? .error : .success, userID: "u\(i % 3)"))
            }
            try await ledger.record(RecordBatch(interactions: interactions))
            let chats = try await ledger.interactions(LedgerFilter(interactionType: "chat"))
            try Expect.equal(chats.map(\.id), interactions.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.id).reversed(), "by type")
            let failed = try await ledger.interactions(LedgerFilter(userID: "u0", status: .error))
            try Expect.equal(failed.map(\.id), interactions.enumerated().filter { $0.offset % 3 == 0 && $0.offset % 4 == 0 }
                .map(\.element.id).reversed(), "by user and status")
        },
        .init(name: "keyset pages are complete and stable under concurrent inserts") { context in
            let ledger = context.ledger
            // Several calls share a timestamp, so the id breaks ties.
            let calls = (0..<47).map { i in
                Call(createdAt: Samples.instant.addingTimeInterval(Double(i / 3)), model: i % 2 == 0 ? "even" : "odd")
            }
            try await ledger.record(RecordBatch(calls: calls.shuffled()))
            let expected = calls.sorted { ($0.createdAt, $0.id.ledgerString) > ($1.createdAt, $1.id.ledgerString) }.map(\.id)
            var seen: [UUID] = []
            var cursor: PageCursor?
            var pages = 0
            while true {
                let page = try await ledger.calls(limit: 10, after: cursor)
                if page.isEmpty { break }
                seen += page.map(\.id)
                cursor = PageCursor(token: PageCursor(after: page.last!).token)  // through the opaque token
                pages += 1
                // New calls arriving between pages are newer than the cursor: they never shift a page.
                try await ledger.record(Call(createdAt: Samples.instant.addingTimeInterval(10_000 + Double(pages)), model: "late"))
            }
            try Expect.equal(seen, expected, "every call exactly once, newest first")
            try Expect.equal(pages, 5, "47 calls in pages of 10")
            let evens = try await ledger.calls(LedgerFilter(model: "even"), limit: 5, after: PageCursor(after: calls[30]))
            try Expect.that(evens.allSatisfy { $0.model == "even" && $0.createdAt <= calls[30].createdAt }, "cursor and filter combine")
            try Expect.equal(PageCursor(token: "not-a-cursor"), nil, "a bad token is refused")
        },
        .init(name: "usage totals are exact") { context in
            let ledger = context.ledger
            var calls: [Call] = []
            var expectedCost = Decimal(0)
            for i in 0..<200 {
                let cost = Decimal(string: "0.000000\(String(format: "%03d", i * 7 % 1000))")! + Decimal(i) / 1000
                if i % 10 != 9 { expectedCost += cost }
                calls.append(Call(createdAt: Samples.instant.addingTimeInterval(Double(i)), model: i % 2 == 0 ? "a" : "b",
                                  provider: "p", status: i % 8 == 0 ? .error : (i % 8 == 1 ? .partial : .success),
                                  usage: TokenUsage(input: Int64(i * 10 + 1), output: Int64(i), cacheRead: Int64(i), cacheWrite: 1, reasoning: 0),
                                  costUSD: i % 10 == 9 ? nil : cost, latencyMs: Double(i)))
            }
            try await ledger.record(RecordBatch(calls: calls))
            let summary = try await ledger.usage()
            try Expect.equal(summary.calls, 200, "calls")
            try Expect.equal(summary.errors, 25, "errors")
            try Expect.equal(summary.partials, 25, "partials")
            try Expect.equal(summary.successes, 150, "successes")
            try Expect.equal(summary.tokens, TokenUsage(input: 199_200, output: 19_900, cacheRead: 19_900, cacheWrite: 200, reasoning: 0), "tokens")
            try Expect.equal(summary.costUSD, expectedCost, "cost to the nano-dollar")
            try Expect.equal(summary.unpricedCalls, 20, "calls without a cost")
            try Expect.equal(summary.averageLatencyMs, 99.5, "average latency")
            let byModel = try await ledger.usageByModel()
            try Expect.equal(byModel.map(\.model).sorted(), ["a", "b"], "one row per model")
            try Expect.equal(byModel.reduce(Decimal(0)) { $0 + $1.summary.costUSD }, expectedCost, "per-model costs add up")
            try Expect.equal(byModel.map(\.summary.calls), [100, 100], "per-model counts")
            let empty = try await ledger.usage(LedgerFilter(model: "none"))
            try Expect.equal(empty.calls, 0, "empty set")
            try Expect.equal(empty.costUSD, 0, "empty set costs nothing")
        },
        .init(name: "replayed records are not duplicated") { context in
            let ledger = context.ledger
            let interaction = Samples.interaction()
            let batch = RecordBatch(conversations: [Samples.conversation()], interactions: [interaction],
                                    calls: [Samples.call(interaction: interaction.id)])
            try await ledger.record(batch)
            try await ledger.record(batch)
            try await ledger.record(batch.calls[0])
            try Expect.equal(try await context.count("ailedger_calls"), 1, "calls after replay")
            try Expect.equal(try await context.count("ailedger_interactions"), 1, "interactions after replay")
            try Expect.equal(try await context.count("ailedger_conversations"), 1, "conversations after replay")
        },
        .init(name: "a large batch that partly repeats stored records adds only the new ones") { context in
            // Large enough for each driver's bulk path (PostgreSQL's COPY), which must fall
            // back to skipping duplicates without losing the batch or its transaction.
            let ledger = context.ledger
            let first = (0..<100).map { n in Call(model: "first", usage: TokenUsage(input: Int64(n))) }
            try await ledger.record(RecordBatch(calls: first))
            let repeated = (0..<100).map { n in
                var call = first[n]
                call.model = "changed"
                return call
            }
            let fresh = (0..<150).map { n in Call(model: "second", usage: TokenUsage(input: Int64(n))) }
            try await ledger.record(RecordBatch(calls: repeated + fresh))
            try Expect.equal(try await context.count("ailedger_calls"), 250, "calls")
            let byModel = try await ledger.usageByModel()
            try Expect.equal(byModel.map(\.model).sorted(), ["first", "second"], "stored records are left as they were")
            try Expect.equal(byModel.map(\.summary.calls).sorted(), [100, 150], "calls per model")
        },
    ]
}
