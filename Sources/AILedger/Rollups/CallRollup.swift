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
    /// Whether a token or cost sum overflowed a 64-bit count (and was left short).
    package var overflowed = false

    package init() {}

    /// Counts one stored call: its tokens, its stored cost (nil: unpriced) and latency.
    mutating func add(_ call: Call, costNanoUSD cost: Int64?) {
        calls += 1
        inputTokens.add(call.usage.input, overflow: &overflowed)
        outputTokens.add(call.usage.output, overflow: &overflowed)
        cacheReadTokens.add(call.usage.cacheRead, overflow: &overflowed)
        cacheWriteTokens.add(call.usage.cacheWrite, overflow: &overflowed)
        reasoningTokens.add(call.usage.reasoning, overflow: &overflowed)
        if let cost { costNanoUSD.add(cost, overflow: &overflowed) } else { unpriced += 1 }
        if let latency = call.latencyMs {
            timed += 1
            latencySumMs += latency
            histogram.add(latency)
        }
    }

    /// Adds every sum of `other`.
    package mutating func merge(_ other: CallRollup) {
        calls += other.calls
        inputTokens.add(other.inputTokens, overflow: &overflowed)
        outputTokens.add(other.outputTokens, overflow: &overflowed)
        cacheReadTokens.add(other.cacheReadTokens, overflow: &overflowed)
        cacheWriteTokens.add(other.cacheWriteTokens, overflow: &overflowed)
        reasoningTokens.add(other.reasoningTokens, overflow: &overflowed)
        costNanoUSD.add(other.costNanoUSD, overflow: &overflowed)
        overflowed = overflowed || other.overflowed
        unpriced += other.unpriced
        timed += other.timed
        latencySumMs += other.latencySumMs
        histogram.merge(other.histogram)
    }
}
