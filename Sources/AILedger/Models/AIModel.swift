import Foundation

/// A model the application uses, registered once with its provider and version.
public struct AIModel: Sendable, Hashable, Codable, Identifiable {
    /// Time-ordered id.
    public var id: UUID
    /// The model name (`gpt-4o`, `claude-3-5-sonnet`).
    public var name: String
    /// A version or snapshot (`2024-08-06`); empty when not tracked.
    public var version: String
    /// The provider selling it; empty when not tracked.
    public var provider: String
    /// Parameters or configuration worth keeping.
    public var metadata: [String: JSONValue]
    /// When it was registered.
    public var createdAt: Date

    /// Creates a model record; `id` defaults to a new UUIDv7.
    public init(id: UUID? = nil, name: String, version: String = "", provider: String = "",
                metadata: [String: JSONValue] = [:], createdAt: Date = Date()) {
        self.id = id ?? UUID.v7(at: createdAt)
        self.name = name
        self.version = version
        self.provider = provider
        self.metadata = metadata
        self.createdAt = Timestamp.rounded(createdAt)
    }
}
