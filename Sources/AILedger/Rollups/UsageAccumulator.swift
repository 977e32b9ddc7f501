/// Sums over calls that add up whatever they were read from (rollups or raw rows): what a
/// `UsageSummary` is made from.
struct UsageAccumulator: Sendable {
    var calls: Int64 = 0
    var successes: Int64 = 0
    var errors: Int64 = 0
    var partials: Int64 = 0
    var tokens = TokenUsage()
    var costNanoUSD: Int64 = 0
    var unpriced: Int64 = 0
    var latencySumMs: Double = 0
    var timed: Int64 = 0
    /// Whether a token or cost sum overflowed a 64-bit count (and was left short).
    var overflowed = false

    init() {}

    /// Reads the 13 columns of `Ledger.rawSumColumns` or `Ledger.rollupSumColumns`.
    init(reading reader: inout RowReader) throws {
        calls = try reader.optionalInt64() ?? 0
        successes = try reader.optionalInt64() ?? 0
        errors = try reader.optionalInt64() ?? 0
        partials = try reader.optionalInt64() ?? 0
        tokens = TokenUsage(input: try reader.optionalInt64(), output: try reader.optionalInt64(),
                            cacheRead: try reader.optionalInt64(), cacheWrite: try reader.optionalInt64(),
                            reasoning: try reader.optionalInt64())
        costNanoUSD = try reader.optionalInt64() ?? 0
        unpriced = try reader.optionalInt64() ?? 0
        latencySumMs = try reader.optionalDouble() ?? 0
        timed = try reader.optionalInt64() ?? 0
    }

    /// Counts one stored call, with its stored cost (nil: unpriced).
    mutating func add(_ call: Call, costNanoUSD cost: Int64?) {
        calls += 1
        switch call.status {
        case .success: successes += 1
        case .error: errors += 1
        case .partial: partials += 1
        }
        add(call.usage, cost: cost ?? 0)
        if cost == nil { unpriced += 1 }
        if let latency = call.latencyMs {
            timed += 1
            latencySumMs += latency
        }
    }

    mutating func merge(_ other: UsageAccumulator) {
        calls += other.calls
        successes += other.successes
        errors += other.errors
        partials += other.partials
        add(other.tokens, cost: other.costNanoUSD)
        overflowed = overflowed || other.overflowed
        unpriced += other.unpriced
        latencySumMs += other.latencySumMs
        timed += other.timed
    }

    private mutating func add(_ usage: TokenUsage, cost: Int64) {
        tokens.input.add(usage.input, overflow: &overflowed)
        tokens.output.add(usage.output, overflow: &overflowed)
        tokens.cacheRead.add(usage.cacheRead, overflow: &overflowed)
        tokens.cacheWrite.add(usage.cacheWrite, overflow: &overflowed)
        tokens.reasoning.add(usage.reasoning, overflow: &overflowed)
        costNanoUSD.add(cost, overflow: &overflowed)
    }

    var summary: UsageSummary {
        UsageSummary(calls: calls, successes: successes, errors: errors, partials: partials, tokens: tokens,
                     costUSD: NanoDollars.usd(costNanoUSD), unpricedCalls: unpriced,
                     averageLatencyMs: timed == 0 ? nil : latencySumMs / Double(timed))
    }
}
