import Foundation

/// A conversation in full: its turns in order, each with its calls, and its totals.
public struct ConversationTranscript: Sendable, Hashable {
    /// The conversation.
    public var conversation: Conversation
    /// Its interactions, oldest first, each with the calls it made.
    public var turns: [ConversationTurn]
    /// Calls of the conversation recorded without an interaction, oldest first.
    public var otherCalls: [Call]
    /// Totals over every call of the conversation.
    public var usage: UsageSummary

    /// The number of turns (seed 004's total messages).
    public var messages: Int { turns.count }
    /// Every call of the conversation.
    public var calls: [Call] { turns.flatMap(\.calls) + otherCalls }
    /// When the first turn or call was recorded.
    public var firstActivity: Date? { (turns.map(\.interaction.createdAt) + calls.map(\.createdAt)).min() }
    /// When the last turn or call was recorded.
    public var lastActivity: Date? { (turns.map(\.interaction.createdAt) + calls.map(\.createdAt)).max() }
    /// The summed latency of the conversation's calls, in milliseconds.
    public var totalLatencyMs: Double { calls.compactMap(\.latencyMs).reduce(0, +) }
    /// The share of turns that succeeded, from 0 to 1; nil without turns.
    public var turnSuccessRate: Double? {
        turns.isEmpty ? nil : Double(turns.filter { $0.interaction.status == .success }.count) / Double(turns.count)
    }
    /// The input of the last turn that has one.
    public var lastInput: String? { turns.last { $0.interaction.inputText != nil }?.interaction.inputText }
    /// The output of the last turn that has one.
    public var lastOutput: String? { turns.last { $0.interaction.outputText != nil }?.interaction.outputText }
}
