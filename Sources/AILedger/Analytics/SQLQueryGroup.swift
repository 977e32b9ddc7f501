/// The statements of one database, or of one intent, in a `SQLQueryReport`.
public struct SQLQueryGroup: Sendable, Hashable {
    /// The database's name or the intent (the interaction type); nil for statements that
    /// named none.
    public var key: String?
    /// Statements run.
    public var queries: Int64
    /// Statements that failed.
    public var failed: Int64
    /// Rows the statements returned, summed over those that reported a count.
    public var results: Int64
    /// Mean run time in milliseconds, over the statements that reported one.
    public var averageDurationMs: Double?
}
