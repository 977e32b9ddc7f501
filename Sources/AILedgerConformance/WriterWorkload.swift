import AILedger
import Foundation

/// One task's share of the writer case: units of one conversation, four interactions and
/// twenty calls, recorded through each of the ledger's recording methods.
struct WriterWorkload: Sendable {
    let conversations: [Conversation]
    let interactions: [Interaction]
    let calls: [Call]

    init(task: Int, units: Int) {
        var conversations: [Conversation] = [], interactions: [Interaction] = [], calls: [Call] = []
        let base = Timestamp.rounded(Date(timeIntervalSince1970: 1_760_000_000))
        for unit in 0..<units {
            let at = base.addingTimeInterval(Double(task * units + unit))
            let conversation = Conversation(createdAt: at, userID: "user-\(task)", personaID: "persona-\(unit % 3)",
                                            channel: "web", metadata: ["unit": .int(Int64(unit))])
            conversations.append(conversation)
            for turn in 0..<4 {
                let interaction = Interaction(conversationID: conversation.id, createdAt: at, interactionType: "chat",
                                              userID: "user-\(task)", promptVersion: "v\(turn % 2)",
                                              inputText: "question \(unit)-\(turn) «ünïcode»", outputText: "answer",
                                              missingVariables: turn == 3 ? ["tone"] : nil)
                interactions.append(interaction)
                for n in 0..<5 {
                    calls.append(Call(interactionID: interaction.id, conversationID: conversation.id, createdAt: at,
                                      model: "model-\(n)", provider: "p", status: n == 4 ? .error : .success,
                                      userID: "user-\(task)",
                                      usage: TokenUsage(input: Int64(100 + n), output: Int64(unit), cacheRead: 3),
                                      costUSD: Decimal(unit * 7 + n + 1) / 1_000_000_000, costSource: .provided,
                                      latencyMs: Double(n) + 0.25, errorCode: n == 4 ? "timeout" : nil))
                }
            }
        }
        self.conversations = conversations
        self.interactions = interactions
        self.calls = calls
    }

    /// Records the conversations one by one, and each interaction with its calls.
    func record(in ledger: Ledger) async throws {
        var next = calls.makeIterator()
        for (index, conversation) in conversations.enumerated() {
            try await ledger.record(conversation)
            for interaction in interactions[index * 4..<index * 4 + 4] {
                try await ledger.record(interaction, calls: (0..<5).map { _ in next.next()! })
            }
        }
    }
}
