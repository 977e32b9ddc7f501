import AILedger
import Foundation

/// The fixed workload the query and report cases record: two conversations, four
/// interactions and six calls whose every filter and group has a known answer.
struct QueryWorkload {
    static let base = Timestamp.date(microseconds: Timestamp.parse("2025-06-01T00:00:00Z")!)
    static func at(_ minutes: Double) -> Date { base.addingTimeInterval(minutes * 60) }

    let v1 = Conversation(createdAt: at(-1), userID: "u1", contactID: "k1", deviceID: "d1", personaID: "p1", channel: "web",
                          title: "first")
    let v2 = Conversation(createdAt: at(-0.5), userID: "u2", contactID: "k2", deviceID: "d2", personaID: "p2")
    let interactions: [Interaction]
    let calls: [Call]

    init() {
        let i0 = Interaction(conversationID: v1.id, createdAt: Self.at(0), interactionType: "chat", status: .success, userID: "u1",
                             promptID: "greet", promptVersion: "v1", inputText: "Hello, \"world\"\nline 2", outputText: "Hi")
        let i1 = Interaction(conversationID: v1.id, createdAt: Self.at(2.5), interactionType: "chat", status: .error, userID: "u1",
                             promptID: "greet", promptVersion: "v2", inputText: "Where is Zürich?", missingVariables: ["tone"],
                             errorCode: "rate_limit", errorMessage: "429")
        let i2 = Interaction(conversationID: v2.id, createdAt: Self.at(3.5), interactionType: "summary", status: .success,
                             userID: "u2", personaID: "p3", promptID: "sum", promptVersion: "v1", inputText: "Summarise this",
                             outputText: "Short", missingVariables: ["tone", "audience"])
        let i3 = Interaction(createdAt: Self.at(4.5), interactionType: "summary", status: .partial, userID: "u3", deviceID: "d9",
                             promptID: "sum", promptVersion: "v1", inputText: "x", outputText: "y", missingVariables: ["Tone"])
        let i4 = Interaction(createdAt: Self.at(4.6), interactionType: "summary", status: .success, userID: "u3",
                             promptID: "sum", promptVersion: "v1", missingVariables: [])
        interactions = [i0, i1, i2, i3, i4]
        func call(_ minute: Double, _ interaction: Interaction?, _ model: String, _ type: String, _ status: Status,
                  _ input: Int64, _ output: Int64, _ nanos: Int64?, _ latency: Double?, text: String? = nil) -> Call {
            var call = Call(createdAt: Self.at(minute), model: model, provider: "p", callType: type, status: status,
                            usage: TokenUsage(input: input, output: output), costUSD: nanos.map(NanoDollars.usd),
                            latencyMs: latency, inputText: text)
            call.interactionID = interaction?.id
            call.conversationID = interaction?.conversationID
            call.userID = interaction?.userID
            return call
        }
        var c2 = call(3, i1, "a", "chat", .error, 10, 0, 0, 30, text: "Where is Zürich?")
        c2.errorCode = "rate_limit"
        c2.errorMessage = "429 Too Many Requests"
        var c5 = call(6, nil, "c", "embed", .success, 7, 0, nil, nil)
        c5.conversationID = v2.id
        c5.userID = "u2"
        c5.provider = "q"
        calls = [
            call(1, i0, "a", "chat", .success, 100, 10, 1_000, 10, text: "Hello, \"world\"\nline 2"),
            call(2, i0, "b", "tool:search", .success, 50, 5, 500, 20),
            c2,
            call(4, i2, "b", "chat", .success, 200, 20, 3_000, 40, text: "100% sure_thing"),
            call(5, i3, "a", "chat", .partial, 5, 1, 1, 50),
            c5,
        ]
    }

    /// Records the workload and the feedback on three interactions.
    func record(in ledger: Ledger) async throws {
        try await ledger.record(RecordBatch(conversations: [v1, v2], interactions: interactions, calls: calls))
        try await ledger.recordFeedback(Feedback(rating: .accepted, qualityScore: 90, editDistance: 0), forInteraction: interactions[0].id)
        try await ledger.recordFeedback(Feedback(rating: .rejected, comment: "wrong, \"very\"", qualityScore: 20, editDistance: 30),
                                        forInteraction: interactions[1].id)
        try await ledger.recordFeedback(Feedback(rating: .modified, qualityScore: 60, editDistance: 10), forInteraction: interactions[2].id)
    }

    /// The ids of calls `indices`, newest first (the order listings return).
    func callIDs(_ indices: Int...) -> [UUID] { indices.sorted(by: >).map { calls[$0].id } }
    /// The ids of interactions `indices`, newest first.
    func interactionIDs(_ indices: Int...) -> [UUID] { indices.sorted(by: >).map { interactions[$0].id } }
}
