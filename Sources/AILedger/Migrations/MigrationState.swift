/// One line of `migrate status`: a known or recorded migration and where it stands.
public struct MigrationState: Sendable, Hashable {
    /// Where a migration stands.
    public enum Phase: String, Sendable {
        /// Applied, and its file is unchanged.
        case applied
        /// Known but not applied yet.
        case pending
        /// Applied, but its file has changed since.
        case checksumMismatch = "checksum mismatch"
        /// Started but did not finish; `force` clears it.
        case dirty
        /// Recorded in the history but absent from the files.
        case unknown
    }

    /// The migration's version.
    public var version: Int64
    /// Its description.
    public var description: String
    /// Where it stands.
    public var phase: Phase
    /// The history row, when it was applied.
    public var applied: AppliedMigration?
}
