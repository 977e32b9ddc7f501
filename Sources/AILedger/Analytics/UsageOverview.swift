/// The overview of a window of calls: totals and latency percentiles.
///
/// Percentiles use the nearest-rank definition on every backend: the p-th percentile of N
/// latencies is the value at rank ⌈p × N / 100⌉ in ascending order (calls without a
/// latency are left out).
public struct UsageOverview: Sendable, Hashable {
    /// Counts, tokens by kind, exact cost, mean latency.
    public var summary: UsageSummary
    /// The median latency, in milliseconds.
    public var latencyP50: Double?
    /// The 95th-percentile latency, in milliseconds.
    public var latencyP95: Double?
    /// The 99th-percentile latency, in milliseconds.
    public var latencyP99: Double?

    /// The share of calls that failed, from 0 to 1.
    public var errorRate: Double? { summary.calls == 0 ? nil : Double(summary.errors) / Double(summary.calls) }
    /// The share of calls that partly succeeded, from 0 to 1.
    public var partialRate: Double? { summary.calls == 0 ? nil : Double(summary.partials) / Double(summary.calls) }
}
