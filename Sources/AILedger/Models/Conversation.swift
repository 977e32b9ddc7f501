import Foundation

/// A thread of interactions: a chat conversation, a WhatsApp thread, a session.
public struct Conversation: Sendable, Hashable, Codable, Identifiable {
    /// Time-ordered id, made by the client so a replayed record never duplicates.
    public var id: UUID
    /// The application's own id for the conversation.
    public var externalID: String?
    /// When the conversation started, rounded to the microsecond.
    public var createdAt: Date
    /// The application user it belongs to.
    public var userID: String?
    /// The messaging contact on the other side.
    public var contactID: String?
    /// The device or connection that carries it.
    public var deviceID: String?
    /// The persona or assistant configuration that answers.
    public var personaID: String?
    /// The channel (`whatsapp`, `web`, `api`...).
    public var channel: String?
    /// A human-readable title.
    public var title: String?
    /// Anything else, under documented keys (see docs/SCHEMA.md).
    public var metadata: [String: JSONValue]

    /// Creates a conversation record; `id` defaults to a new UUIDv7 made at `createdAt`.
    public init(
        id: UUID? = nil, externalID: String? = nil, createdAt: Date = Date(), userID: String? = nil,
        contactID: String? = nil, deviceID: String? = nil, personaID: String? = nil, channel: String? = nil,
        title: String? = nil, metadata: [String: JSONValue] = [:]
    ) {
        self.id = id ?? UUID.v7(at: createdAt)
        self.externalID = externalID
        self.createdAt = Timestamp.rounded(createdAt)
        self.userID = userID
        self.contactID = contactID
        self.deviceID = deviceID
        self.personaID = personaID
        self.channel = channel
        self.title = title
        self.metadata = metadata
    }
}
