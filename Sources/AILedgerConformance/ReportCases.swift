import AILedger
import Foundation

/// Failures, data quality, feedback, transcripts and exports: the same answer everywhere.
enum ReportCases {
    static let all: [ConformanceSuite.Case] = [
        .init(name: "failures, data quality and feedback reports") { context in
            let ledger = context.ledger, w = QueryWorkload()
            try await w.record(in: ledger)
            let failures = try await ledger.failures()
            try Expect.equal(failures.map(\.call.id), w.callIDs(2), "failed calls")
            try Expect.equal(failures.first?.interaction?.id, w.interactions[1].id, "with their interaction")
            try Expect.equal(failures.first?.call.errorMessage, "429 Too Many Requests", "and their error")
            try Expect.equal(try await ledger.failures(LedgerFilter(model: "b")).count, 0, "filtered")

            let quality = try await ledger.dataQuality()
            try Expect.equal(quality.interactions, 5, "interactions")
            try Expect.equal(quality.withMissingVariables, 3, "incomplete interactions")
            try Expect.equal(quality.completeness, 0.4, "completeness")
            try Expect.equal(quality.missingVariables.map { "\($0.variable)/\($0.interactionType ?? "-")/\($0.count)" },
                             ["Tone/summary/1", "audience/summary/1", "tone/chat/1", "tone/summary/1"],
                             "variables by count, then by code point")
            let chat = try await ledger.dataQuality(LedgerFilter(interactionType: "chat"))
            try Expect.equal(chat.missingVariables.map(\.variable), ["tone"], "filtered")
            try Expect.equal(chat.interactions, 2, "filtered interactions")

            let feedback = try await ledger.feedbackSummary()
            try Expect.equal(feedback.map { "\($0.promptID ?? "-")/\($0.promptVersion ?? "-")" }, ["greet/v1", "greet/v2", "sum/v1"],
                             "per prompt version")
            try Expect.equal(feedback.map(\.interactions), [1, 1, 3], "interactions")
            try Expect.equal(feedback.map { [$0.accepted, $0.rejected, $0.modified] }, [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "ratings")
            try Expect.equal(feedback.map(\.averageQualityScore), [90, 20, 60], "average quality")
            try Expect.equal(feedback.map(\.averageEditDistance), [0, 30, 10], "average edit distance")
            try Expect.equal(feedback.map(\.acceptanceRate), [1, 0, 0], "acceptance")
            let stored = try await ledger.interaction(id: w.interactions[1].id)
            try Expect.equal(stored?.feedback?.comment, "wrong, \"very\"", "comment kept")
            try Expect.equal(stored?.feedback?.editDistance, 30, "edit distance kept")
        },
        .init(name: "a conversation in full") { context in
            let ledger = context.ledger, w = QueryWorkload()
            try await w.record(in: ledger)
            guard let first = try await ledger.transcript(ofConversation: w.v1.id) else {
                throw ConformanceFailure(message: "no transcript", location: #fileID)
            }
            try Expect.equal(first.turns.map(\.interaction.id), [w.interactions[0].id, w.interactions[1].id], "turns in order")
            try Expect.equal(first.turns.map { $0.calls.map(\.id) }, [[w.calls[0].id, w.calls[1].id], [w.calls[2].id]], "calls per turn")
            try Expect.equal(first.messages, 2, "messages")
            try Expect.equal(first.usage.calls, 3, "calls")
            try Expect.equal(first.usage.costUSD, NanoDollars.usd(1_500), "cost")
            try Expect.equal(first.usage.tokens.input, 160, "input tokens")
            try Expect.equal(first.totalLatencyMs, 60, "duration")
            try Expect.equal(first.turnSuccessRate, 0.5, "success rate")
            try Expect.equal(first.lastInput, "Where is Zürich?", "last input")
            try Expect.equal(first.lastOutput, "Hi", "last output")
            try Expect.equal(first.firstActivity, QueryWorkload.at(0), "first activity")
            try Expect.equal(first.lastActivity, QueryWorkload.at(3), "last activity")
            let second = try await ledger.transcript(ofConversation: w.v2.id)
            try Expect.equal(second?.turns.map(\.interaction.id), [w.interactions[2].id], "one turn")
            try Expect.equal(second?.otherCalls.map(\.id), [w.calls[5].id], "a call without interaction")
            try Expect.equal(second?.usage.unpricedCalls, 1, "unpriced")
            try Expect.that(try await ledger.transcript(ofConversation: UUID()) == nil, "an unknown id gives nil")
        },
        .init(name: "exports stream CSV and JSON Lines page by page") { context in
            let ledger = context.ledger, w = QueryWorkload()
            try await w.record(in: ledger)
            var chunks: [String] = []
            let count = try await ledger.export(.calls, format: .csv, pageSize: 2) { chunks.append($0) }
            try Expect.equal(count, 6, "calls exported")
            try Expect.equal(chunks.count, 4, "a header, then one chunk per page of two")
            let table = CSVText.parse(chunks.joined())
            try Expect.equal(table.count, 7, "header and six records")
            let header = table[0]
            let id = header.firstIndex(of: "id")!, input = header.firstIndex(of: "input_text")!, cost = header.firstIndex(of: "cost_nano_usd")!
            try Expect.equal(table.dropFirst().map { UUID(uuidString: $0[id]) }, w.callIDs(0, 1, 2, 3, 4, 5), "newest first")
            try Expect.equal(table[6][input], "Hello, \"world\"\nline 2", "quotes, comma and newline survive")
            try Expect.equal(table[6][cost], "1000", "exact nano-dollars")
            try Expect.equal(table[1][cost], "", "unpriced is empty, not zero")

            var lines = ""
            let written = try await ledger.export(.interactions, LedgerFilter(promptID: "sum"), format: .jsonl, pageSize: 2) { lines += $0 }
            try Expect.equal(written, 3, "filtered interactions exported")
            let objects = try lines.split(separator: "\n").map { line in
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            }
            try Expect.equal(objects.compactMap { ($0["id"] as? String).flatMap(UUID.init(uuidString:)) }, w.interactionIDs(2, 3, 4), "ids")
            try Expect.equal(objects.last?["missing_variables"] as? [String], ["tone", "audience"], "JSON columns are JSON")
            try Expect.equal(objects.last?["quality_score"] as? Int, 60, "numbers are numbers")
            try Expect.equal(objects.first?["created_at"] as? String, "2025-06-01T00:04:36.000000Z", "UTC microseconds")

            var conversations = ""
            try await ledger.export(.conversations, format: .csv) { conversations += $0 }
            try Expect.equal(CSVText.parse(conversations).count, 3, "conversations exported")
            var none = ""
            try Expect.equal(try await ledger.export(.calls, LedgerFilter(model: "zzz"), format: .csv) { none += $0 }, 0, "nothing matches")
            try Expect.equal(CSVText.parse(none).count, 1, "still a header")
        },
    ]
}
