import Foundation

/// A row of the migration history table.
public struct AppliedMigration: Sendable, Hashable {
    /// The migration's version.
    public var version: Int64
    /// The description recorded when it was applied.
    public var description: String
    /// The checksum of the SQL that was applied.
    public var checksum: String
    /// When it was applied.
    public var appliedAt: Date
    /// How long it took, in milliseconds.
    public var executionMs: Int64
    /// False when it started but did not finish: the history is dirty.
    public var success: Bool
}
