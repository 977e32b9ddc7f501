import Foundation

/// One partition of `ailedger_calls` on PostgreSQL: the calls whose ids were made in one
/// month (UTC), or the default partition that holds every other id.
public struct CallPartition: Sendable, Hashable {
    /// The partition's table name: `ailedger_calls_2026_12`, or `ailedger_calls_default`.
    public let name: String
    /// The first instant of its month; nil for the default partition.
    public let start: Date?
    /// The first instant of the next month; nil for the default partition.
    public let end: Date?
    /// Calls stored in it, counted exactly (zero when not counted).
    public let rows: Int
    /// Bytes on disk: the table, its indexes and its TOAST.
    public let bytes: Int

    /// Whether it is the default partition.
    public var isDefault: Bool { start == nil }
}
