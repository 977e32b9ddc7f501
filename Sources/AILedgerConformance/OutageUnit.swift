import AILedger
import Foundation

/// A conversation with five interactions of two calls each, tagged with a user id so a
/// test can find its own records on a shared server, and titled `unit <index>`. Each call's
/// input text holds an API key (`SpilledSecret`), which must be stored redacted.
public struct OutageUnit: Sendable {
    /// The conversation.
    public let conversation: Conversation
    /// Its interactions.
    public let interactions: [Interaction]
    /// Their calls.
    public let calls: [Call]

    /// A new unit with fresh ids.
    public init(tag: String, index: Int) {
        let conversation = Conversation(userID: tag, title: "unit \(index)")
        let interactions = (0..<5).map { _ in Interaction(conversationID: conversation.id, userID: tag) }
        self.conversation = conversation
        self.interactions = interactions
        calls = interactions.flatMap { interaction in
            (0..<2).map { _ in
                Call(interactionID: interaction.id, conversationID: interaction.conversationID, model: "outage", userID: tag,
                     usage: TokenUsage(input: 42, output: 7), costUSD: Decimal(string: "0.000042")!, inputText: SpilledSecret.text)
            }
        }
    }

    /// Records the conversation, then each interaction with its calls.
    public func record(in ledger: Ledger) async throws {
        try await ledger.record(conversation)
        for (n, interaction) in interactions.enumerated() {
            try await ledger.record(interaction, calls: Array(calls[n * 2..<n * 2 + 2]))
        }
    }
}
