import Foundation

/// What a retention run removed (or, for a dry run, would remove), by table.
public struct RetentionReport: Sendable, Hashable {
    /// The time rows older than were removed: midnight UTC, `RetentionPolicy.days` days before the run.
    public var cutoff: Date
    /// Rows deleted (or to delete) per table: `ailedger_calls`, `ailedger_interactions`,
    /// `ailedger_sql_queries`, `ailedger_conversations`, and rollup tables when asked.
    public var deleted: [String: Int] = [:]
    /// Rows archived per table before they were deleted.
    public var archived: [String: Int] = [:]
    /// Monthly partitions of `ailedger_calls` dropped whole (PostgreSQL), or for a dry run
    /// those that would be; their rows are counted in `deleted` and `archived`.
    public var droppedPartitions: [String] = []
    /// Whether nothing was changed.
    public var dryRun = false

    /// Rows deleted in all.
    public var total: Int { deleted.values.reduce(0, +) }
}
