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
        tokens.input = Self.sum(tokens.input, call.usage.input)
        tokens.output = Self.sum(tokens.output, call.usage.output)
        tokens.cacheRead = Self.sum(tokens.cacheRead, call.usage.cacheRead)
        tokens.cacheWrite = Self.sum(tokens.cacheWrite, call.usage.cacheWrite)
        tokens.reasoning = Self.sum(tokens.reasoning, call.usage.reasoning)
        if let cost { costNanoUSD += cost } else { unpriced += 1 }
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
        tokens.input = Self.sum(tokens.input, other.tokens.input)
        tokens.output = Self.sum(tokens.output, other.tokens.output)
        tokens.cacheRead = Self.sum(tokens.cacheRead, other.tokens.cacheRead)
        tokens.cacheWrite = Self.sum(tokens.cacheWrite, other.tokens.cacheWrite)
        tokens.reasoning = Self.sum(tokens.reasoning, other.tokens.reasoning)
        costNanoUSD += other.costNanoUSD
        unpriced += other.unpriced
        latencySumMs += other.latencySumMs
        timed += other.timed
    }

    private static func sum(_ a: Int64?, _ b: Int64?) -> Int64? {
        guard let a else { return b }
        guard let b else { return a }
        return a + b
    }

    var summary: UsageSummary {
        UsageSummary(calls: calls, successes: successes, errors: errors, partials: partials, tokens: tokens,
                     costUSD: NanoDollars.usd(costNanoUSD), unpricedCalls: unpriced,
                     averageLatencyMs: timed == 0 ? nil : latencySumMs / Double(timed))
    }
}
