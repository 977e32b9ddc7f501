import AILedger
import Foundation

/// A signed-in dashboard user: the key they signed in with, known by its hash, and the
/// token their page sends back on every request that changes something.
struct DashboardSession: Sendable {
    /// The SHA-256 of the key, so that a revoked key ends its sessions too.
    let keyHash: String
    /// The value of the `X-CSRF-Token` header that a POST or DELETE from the page carries.
    let csrf: String
    /// When the session ends.
    let expires: ContinuousClock.Instant
}
