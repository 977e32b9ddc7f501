/// Records written together in one transaction: conversations first, then interactions,
/// then calls, so every reference points at a row already written.
public struct RecordBatch: Sendable, Hashable {
    /// Conversations to record.
    public var conversations: [Conversation]
    /// Interactions to record.
    public var interactions: [Interaction]
    /// Calls to record.
    public var calls: [Call]

    /// Creates a batch.
    public init(conversations: [Conversation] = [], interactions: [Interaction] = [], calls: [Call] = []) {
        self.conversations = conversations
        self.interactions = interactions
        self.calls = calls
    }

    /// Whether the batch holds nothing.
    public var isEmpty: Bool { conversations.isEmpty && interactions.isEmpty && calls.isEmpty }

    /// Throws the first invalid record's error; nothing is written when one is invalid.
    public func validate() throws {
        for conversation in conversations { try conversation.validate() }
        for interaction in interactions { try interaction.validate() }
        for call in calls { try call.validate() }
    }
}
