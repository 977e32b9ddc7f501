import Foundation

/// One statement, literals left out, and how it ran: a line of the most frequent
/// statements in a `SQLQueryReport`.
public struct SQLStatementSummary: Sendable, Hashable {
    /// The statement with its literals left out (`SQLQuery.fingerprint`).
    public var fingerprint: String
    /// Times it ran.
    public var queries: Int64
    /// Times it failed.
    public var failed: Int64
    /// Rows it returned, summed over the runs that reported a count.
    public var results: Int64
    /// Mean run time in milliseconds, over the runs that reported one.
    public var averageDurationMs: Double?
    /// When it last ran.
    public var lastRunAt: Date
}
