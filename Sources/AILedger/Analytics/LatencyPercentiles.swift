import Foundation

/// The latency percentiles (nearest rank, as in `UsageOverview`) of the calls of one time
/// bucket.
public struct LatencyPercentiles: Sendable, Hashable {
    /// The bucket's start.
    public var start: Date
    /// Calls in the bucket that have a latency.
    public var timed: Int64
    /// The median latency, in milliseconds.
    public var p50: Double?
    /// The 95th-percentile latency, in milliseconds.
    public var p95: Double?
    /// The 99th-percentile latency, in milliseconds.
    public var p99: Double?
}
