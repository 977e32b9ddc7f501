/// What the interactions in a window asked of the application's own databases: volume,
/// per database and per intent, result counts, failures and the most frequent statements.
public struct SQLQueryReport: Sendable, Hashable {
    /// Statements run.
    public var queries: Int64
    /// Interactions that ran at least one.
    public var interactions: Int64
    /// Statements that failed.
    public var failed: Int64
    /// Rows the statements returned, summed over those that reported a count.
    public var results: Int64
    /// Statements that reported a result count.
    public var queriesWithResults: Int64
    /// Mean run time in milliseconds, over the statements that reported one.
    public var averageDurationMs: Double?
    /// Per database, most statements first.
    public var byDatabase: [SQLQueryGroup]
    /// Per intent (the interaction's type), most statements first.
    public var byIntent: [SQLQueryGroup]
    /// The most frequent statements, literals left out, most frequent first.
    public var topStatements: [SQLStatementSummary]
    /// The latest failures, newest first.
    public var recentFailures: [SQLQueryFailure]

    /// The share of statements that succeeded, from 0 to 1; nil when none ran.
    public var successRate: Double? { queries == 0 ? nil : Double(queries - failed) / Double(queries) }
    /// Mean rows per statement that reported a count; nil when none did.
    public var averageResults: Double? { queriesWithResults == 0 ? nil : Double(results) / Double(queriesWithResults) }
}
