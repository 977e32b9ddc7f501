import Foundation

/// An API key of `ailedger serve`, as stored: its name and role, never the key itself
/// (only a SHA-256 hash of it is kept).
public struct APIKey: Sendable, Hashable {
    /// The key's id.
    public var id: UUID
    /// A name to tell keys apart and revoke one by (`billing-service`).
    public var name: String
    /// What it may do.
    public var role: APIKeyRole
    /// When it was made.
    public var createdAt: Date
    /// When it was revoked; a revoked key opens nothing.
    public var revokedAt: Date?

    /// The prefix every key starts with, so a leaked one is easy to spot.
    public static let prefix = "ailk_"
}
