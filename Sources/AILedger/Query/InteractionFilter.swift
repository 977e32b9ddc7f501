import Foundation

/// Which interactions to list; nil fields do not filter.
public struct InteractionFilter: Sendable, Hashable {
    /// Interactions started at or after this instant.
    public var since: Date?
    /// Interactions started before this instant.
    public var until: Date?
    /// Interactions of this user.
    public var userID: String?
    /// Interactions with this outcome.
    public var status: Status?
    /// Interactions of this type.
    public var interactionType: String?
    /// Interactions in this conversation.
    public var conversationID: UUID?

    /// Creates a filter.
    public init(since: Date? = nil, until: Date? = nil, userID: String? = nil, status: Status? = nil,
                interactionType: String? = nil, conversationID: UUID? = nil) {
        self.since = since
        self.until = until
        self.userID = userID
        self.status = status
        self.interactionType = interactionType
        self.conversationID = conversationID
    }

    func apply(to builder: inout SQLBuilder) {
        builder.filter("created_at", ">=", since.map { .timestamp(Timestamp.microseconds($0)) })
        builder.filter("created_at", "<", until.map { .timestamp(Timestamp.microseconds($0)) })
        builder.filter("user_id", "=", userID.map(SQLValue.text))
        builder.filter("status", "=", status.map { .text($0.rawValue) })
        builder.filter("interaction_type", "=", interactionType.map(SQLValue.text))
        builder.filter("conversation_id", "=", conversationID.map(SQLValue.uuid))
    }
}
