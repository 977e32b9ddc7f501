import Foundation

/// Totals over a set of calls: counts by outcome, tokens by kind, exact cost, latency.
public struct UsageSummary: Sendable, Hashable, Codable {
    /// Calls counted.
    public var calls: Int64
    /// Calls that succeeded.
    public var successes: Int64
    /// Calls that failed.
    public var errors: Int64
    /// Calls that partly succeeded.
    public var partials: Int64
    /// Tokens, summed by kind (nil counts are left out of the sums).
    public var tokens: TokenUsage
    /// Total cost in US dollars, exact.
    public var costUSD: Decimal
    /// Calls with no known cost (not priced, or not given).
    public var unpricedCalls: Int64
    /// Mean latency in milliseconds over calls that report one.
    public var averageLatencyMs: Double?

    /// The share of calls that succeeded, from 0 to 1; nil when there are none.
    public var successRate: Double? { calls == 0 ? nil : Double(successes) / Double(calls) }
}
