import Foundation

/// Which calls to list or aggregate; nil fields do not filter.
public struct CallFilter: Sendable, Hashable {
    /// Calls made at or after this instant.
    public var since: Date?
    /// Calls made before this instant.
    public var until: Date?
    /// Calls made for this user.
    public var userID: String?
    /// Calls to this model.
    public var model: String?
    /// Calls to this provider.
    public var provider: String?
    /// Calls with this outcome.
    public var status: Status?
    /// Calls that served this interaction.
    public var interactionID: UUID?
    /// Calls in this conversation.
    public var conversationID: UUID?

    /// Creates a filter.
    public init(since: Date? = nil, until: Date? = nil, userID: String? = nil, model: String? = nil,
                provider: String? = nil, status: Status? = nil, interactionID: UUID? = nil, conversationID: UUID? = nil) {
        self.since = since
        self.until = until
        self.userID = userID
        self.model = model
        self.provider = provider
        self.status = status
        self.interactionID = interactionID
        self.conversationID = conversationID
    }

    func apply(to builder: inout SQLBuilder) {
        builder.filter("created_at", ">=", since.map { .timestamp(Timestamp.microseconds($0)) })
        builder.filter("created_at", "<", until.map { .timestamp(Timestamp.microseconds($0)) })
        builder.filter("user_id", "=", userID.map(SQLValue.text))
        builder.filter("model", "=", model.map(SQLValue.text))
        builder.filter("provider", "=", provider.map(SQLValue.text))
        builder.filter("status", "=", status.map { .text($0.rawValue) })
        builder.filter("interaction_id", "=", interactionID.map(SQLValue.uuid))
        builder.filter("conversation_id", "=", conversationID.map(SQLValue.uuid))
    }
}
