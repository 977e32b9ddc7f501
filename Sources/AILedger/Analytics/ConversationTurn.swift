/// One interaction of a conversation with the calls it made, oldest first.
public struct ConversationTurn: Sendable, Hashable {
    /// The interaction.
    public var interaction: Interaction
    /// Its calls, oldest first.
    public var calls: [Call]
}
