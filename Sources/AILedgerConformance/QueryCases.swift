import AILedger
import Foundation

/// Every filter and interaction-side group-by returns the same exact answer on every backend.
enum QueryCases {
    static let all: [ConformanceSuite.Case] = [
        .init(name: "every filter selects the same calls") { context in
            let ledger = context.ledger, w = QueryWorkload()
            try await w.record(in: ledger)
            func calls(_ filter: LedgerFilter, _ expected: [UUID], _ what: String) async throws {
                try Expect.equal(try await ledger.calls(filter).map(\.id), expected, what)
            }
            let (v1, v2, i0) = (w.v1.id, w.v2.id, w.interactions[0].id)
            try await calls(LedgerFilter(), w.callIDs(0, 1, 2, 3, 4, 5), "no filter")
            try await calls(LedgerFilter(model: "a"), w.callIDs(0, 2, 4), "model")
            try await calls(LedgerFilter(provider: "q"), w.callIDs(5), "provider")
            try await calls(LedgerFilter(callType: "chat"), w.callIDs(0, 2, 3, 4), "call type")
            try await calls(LedgerFilter(status: .error), w.callIDs(2), "status")
            try await calls(LedgerFilter(model: "a", status: .partial), w.callIDs(4), "model and status")
            try await calls(LedgerFilter(userID: "u2"), w.callIDs(3, 5), "user")
            try await calls(LedgerFilter(since: QueryWorkload.at(3), until: QueryWorkload.at(5)), w.callIDs(2, 3), "[since, until)")
            try await calls(LedgerFilter(interactionID: i0), w.callIDs(0, 1), "interaction")
            try await calls(LedgerFilter(conversationID: v2), w.callIDs(3, 5), "conversation")
            try await calls(LedgerFilter(interactionType: "summary"), w.callIDs(3, 4), "interaction type")
            try await calls(LedgerFilter(promptID: "greet"), w.callIDs(0, 1, 2), "prompt id")
            try await calls(LedgerFilter(promptVersion: "v1"), w.callIDs(0, 1, 3, 4), "prompt version")
            try await calls(LedgerFilter(feedback: .rejected), w.callIDs(2), "feedback")
            try await calls(LedgerFilter(minQualityScore: 60), w.callIDs(0, 1, 3), "quality at least")
            try await calls(LedgerFilter(maxQualityScore: 59), w.callIDs(2), "quality at most")
            try await calls(LedgerFilter(minQualityScore: 50, maxQualityScore: 70), w.callIDs(3), "quality range")
            try await calls(LedgerFilter(minCostUSD: Decimal(string: "0.000001")!), w.callIDs(0, 3), "minimum cost")
            try await calls(LedgerFilter(minCostUSD: Decimal(string: "0.0000000005")!), w.callIDs(0, 1, 3, 4),
                            "a minimum cost below a nano-dollar rounds up")
            try await calls(LedgerFilter(missingVariable: "tone"), w.callIDs(2, 3), "missing variable")
            try await calls(LedgerFilter(missingVariable: "Tone"), w.callIDs(4), "missing variable, case-sensitive")
            try await calls(LedgerFilter(hasMissingVariables: true), w.callIDs(2, 3, 4), "some variable missing")
            try await calls(LedgerFilter(hasMissingVariables: false), w.callIDs(0, 1), "no variable missing")
            try await calls(LedgerFilter(personaID: "p1"), w.callIDs(0, 1, 2), "persona inherited from the conversation")
            try await calls(LedgerFilter(personaID: "p3"), w.callIDs(3), "the interaction's own persona wins")
            try await calls(LedgerFilter(personaID: "p2"), w.callIDs(5), "persona of a call without interaction")
            try await calls(LedgerFilter(deviceID: "d9"), w.callIDs(4), "device")
            try await calls(LedgerFilter(contactID: "k2"), w.callIDs(3, 5), "contact")
            try await calls(LedgerFilter(text: "Zürich"), w.callIDs(2), "text")
            try await calls(LedgerFilter(text: "zürich"), [], "text is case-sensitive")
            try await calls(LedgerFilter(text: "e_t"), w.callIDs(3), "underscore is not a wildcard")
            try await calls(LedgerFilter(text: "%"), w.callIDs(3), "percent is not a wildcard")
            try await calls(LedgerFilter(text: "\"world\"\nline"), w.callIDs(0), "quotes and newlines")
            try await calls(LedgerFilter(conversationID: v1, feedback: .accepted), w.callIDs(0, 1), "call and interaction fields together")
        },
        .init(name: "every filter selects the same interactions and conversations") { context in
            let ledger = context.ledger, w = QueryWorkload()
            try await w.record(in: ledger)
            func interactions(_ filter: LedgerFilter, _ expected: [UUID], _ what: String) async throws {
                try Expect.equal(try await ledger.interactions(filter).map(\.id), expected, what)
            }
            try await interactions(LedgerFilter(), w.interactionIDs(0, 1, 2, 3, 4), "no filter")
            try await interactions(LedgerFilter(model: "b"), w.interactionIDs(0, 2), "model of a call")
            try await interactions(LedgerFilter(provider: "p"), w.interactionIDs(0, 1, 2, 3), "provider of a call")
            try await interactions(LedgerFilter(callType: "tool:search"), w.interactionIDs(0), "call type")
            try await interactions(LedgerFilter(minCostUSD: Decimal(string: "0.0000015")!), w.interactionIDs(0, 2), "summed cost")
            try await interactions(LedgerFilter(status: .error), w.interactionIDs(1), "status")
            try await interactions(LedgerFilter(interactionType: "summary"), w.interactionIDs(2, 3, 4), "type")
            try await interactions(LedgerFilter(since: QueryWorkload.at(3)), w.interactionIDs(2, 3, 4), "since")
            try await interactions(LedgerFilter(conversationID: w.v1.id), w.interactionIDs(0, 1), "conversation")
            try await interactions(LedgerFilter(feedback: .accepted), w.interactionIDs(0), "feedback")
            try await interactions(LedgerFilter(missingVariable: "tone"), w.interactionIDs(1, 2), "missing variable")
            try await interactions(LedgerFilter(hasMissingVariables: true), w.interactionIDs(1, 2, 3), "incomplete")
            try await interactions(LedgerFilter(hasMissingVariables: false), w.interactionIDs(0, 4), "complete, [] included")
            try await interactions(LedgerFilter(personaID: "p1"), w.interactionIDs(0, 1), "inherited persona")
            try await interactions(LedgerFilter(personaID: "p2"), [], "overridden persona")
            try await interactions(LedgerFilter(deviceID: "d9"), w.interactionIDs(3), "device")
            try await interactions(LedgerFilter(text: "Zürich"), w.interactionIDs(1), "text")
            try await interactions(LedgerFilter(promptID: "sum", minQualityScore: 1), w.interactionIDs(2), "prompt and quality")

            func conversations(_ filter: LedgerFilter, _ expected: [UUID], _ what: String) async throws {
                try Expect.equal(try await ledger.conversations(filter).map(\.id), expected, what)
            }
            let (v1, v2) = (w.v1.id, w.v2.id)
            try await conversations(LedgerFilter(), [v2, v1], "newest first")
            try await conversations(LedgerFilter(model: "c"), [v2], "model of a call")
            try await conversations(LedgerFilter(model: "a"), [v1], "model of another call")
            try await conversations(LedgerFilter(status: .error), [v1], "an interaction's status")
            try await conversations(LedgerFilter(minCostUSD: Decimal(string: "0.000003")!), [v2], "summed cost")
            try await conversations(LedgerFilter(minCostUSD: Decimal(string: "0.0000015")!), [v2, v1], "summed cost, both")
            try await conversations(LedgerFilter(personaID: "p1"), [v1], "own persona")
            try await conversations(LedgerFilter(text: "Summarise"), [v2], "text of a turn")
            try await conversations(LedgerFilter(promptVersion: "v2"), [v1], "prompt version of a turn")
            try await conversations(LedgerFilter(userID: "u2"), [v2], "user")
            let first = try await ledger.conversations(limit: 1)
            try Expect.equal(try await ledger.conversations(limit: 1, after: PageCursor(after: first[0])).map(\.id), [v1], "keyset page")
        },
        .init(name: "interaction-side group-bys are exact") { context in
            let ledger = context.ledger, w = QueryWorkload()
            try await w.record(in: ledger)
            func groups(_ dimension: CallDimension, _ keys: [String?], _ calls: [Int64], _ nanos: [Int64]) async throws {
                let found = try await ledger.usage(by: dimension)
                try Expect.equal(found.map(\.key), keys, "\(dimension) keys")
                try Expect.equal(found.map(\.summary.calls), calls, "\(dimension) calls")
                try Expect.equal(found.map(\.summary.costUSD), nanos.map(NanoDollars.usd), "\(dimension) cost")
            }
            try await groups(.interactionType, ["summary", "chat", nil], [2, 3, 1], [3_001, 1_500, 0])
            try await groups(.promptVersion, ["v1", "v2", nil], [4, 1, 1], [4_501, 0, 0])
            try await groups(.persona, ["p3", "p1", nil, "p2"], [1, 3, 1, 1], [3_000, 1_500, 1, 0])
            try await groups(.device, ["d2", "d1", "d9"], [2, 3, 1], [3_000, 1_500, 1])
            try await groups(.contact, ["k2", "k1", nil], [2, 3, 1], [3_000, 1_500, 1])
            try await groups(.errorCode, [nil, "rate_limit"], [5, 1], [4_501, 0])
            let top = try await ledger.usage(by: .persona, LedgerFilter(model: "a"), top: 1)
            try Expect.equal(top.map(\.key), ["p1"], "top-N under a filter")

            let overview = try await ledger.overview(LedgerFilter(promptVersion: "v1"))
            try Expect.equal(overview.summary.calls, 4, "overview calls")
            try Expect.equal(overview.summary.costUSD, NanoDollars.usd(4_501), "overview cost")
            try Expect.equal(overview.latencyP50, 20, "p50 of 10, 20, 40, 50")
            try Expect.equal(overview.latencyP95, 50, "p95")
            try Expect.equal(overview.summary.partials, 1, "partials")
        },
    ]
}
