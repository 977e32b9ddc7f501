import Foundation

/// A record the database refused for good, or whose fields could not be sealed, and why.
public struct RejectedRecord: Sendable {
    /// The record's id.
    public var id: UUID
    /// `call`, `interaction` or `conversation`.
    public var kind: String
    /// Why it was refused.
    public var error: LedgerError
}
