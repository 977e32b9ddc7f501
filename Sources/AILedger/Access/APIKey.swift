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

    /// Whether `secret` has the shape of a key: the prefix, then 43 base64url characters.
    public static func isWellFormed(_ secret: String) -> Bool {
        let bytes = Array(secret.utf8)
        guard bytes.count == prefix.utf8.count + 43, secret.hasPrefix(prefix) else { return false }
        return bytes.dropFirst(prefix.utf8.count).allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }
}
