/// Which records retention removes.
public enum RetentionKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Calls older than the cutoff; their interactions and conversations stay.
    case calls
    /// Interactions older than the cutoff with their calls and SQL statements (whatever
    /// their age, so no call points at a removed interaction), and the conversations they
    /// leave empty.
    case interactions
    /// Conversations with nothing at or after the cutoff, with everything in them.
    case conversations
    /// Calls, then interactions, then conversations.
    case all
}
