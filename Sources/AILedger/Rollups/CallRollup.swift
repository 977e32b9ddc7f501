/// The sums one hourly call rollup row holds: counts, tokens by kind, cost in nano-dollars
/// and latencies, added up exactly as the same aggregates over the raw rows.
package struct CallRollup: Sendable, Hashable {
    package var calls: Int64 = 0
    /// Token sums by kind; nil while no counted call gave that count.
    package var inputTokens: Int64?
    package var outputTokens: Int64?
    package var cacheReadTokens: Int64?
    package var cacheWriteTokens: Int64?
    package var reasoningTokens: Int64?
    package var costNanoUSD: Int64 = 0
    /// Calls with no cost.
    package var unpriced: Int64 = 0
    /// Calls with a latency, and the sum of their latencies.
    package var timed: Int64 = 0
    package var latencySumMs: Double = 0
    package var histogram = LatencyHistogram()

    package init() {}

    /// Counts one stored call: its tokens, its stored cost (nil: unpriced) and latency.
    mutating func add(_ call: Call, costNanoUSD cost: Int64?) {
        calls += 1
        Self.add(call.usage.input, to: &inputTokens)
        Self.add(call.usage.output, to: &outputTokens)
        Self.add(call.usage.cacheRead, to: &cacheReadTokens)
        Self.add(call.usage.cacheWrite, to: &cacheWriteTokens)
        Self.add(call.usage.reasoning, to: &reasoningTokens)
        if let cost { costNanoUSD += cost } else { unpriced += 1 }
        if let latency = call.latencyMs {
            timed += 1
            latencySumMs += latency
            histogram.add(latency)
        }
    }

    /// Adds every sum of `other`.
    package mutating func merge(_ other: CallRollup) {
        calls += other.calls
        Self.add(other.inputTokens, to: &inputTokens)
        Self.add(other.outputTokens, to: &outputTokens)
        Self.add(other.cacheReadTokens, to: &cacheReadTokens)
        Self.add(other.cacheWriteTokens, to: &cacheWriteTokens)
        Self.add(other.reasoningTokens, to: &reasoningTokens)
        costNanoUSD += other.costNanoUSD
        unpriced += other.unpriced
        timed += other.timed
        latencySumMs += other.latencySumMs
        histogram.merge(other.histogram)
    }

    /// Adds like SQL's SUM: nil plus nil stays nil.
    private static func add(_ value: Int64?, to sum: inout Int64?) {
        guard let value else { return }
        sum = (sum ?? 0) + value
    }
}
