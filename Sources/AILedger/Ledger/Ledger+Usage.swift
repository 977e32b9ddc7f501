import Foundation

extension Ledger {
    /// Totals over the calls matching `filter`.
    public func usage(_ filter: LedgerFilter = LedgerFilter()) async throws -> UsageSummary {
        if let window = try await rollupWindow(for: filter) {
            return try await rolledUpSums(filter, window, bucket: nil, dimensions: [])[[nil], default: UsageAccumulator()].summary
        }
        if let window = try await userRollupWindow(for: filter) {
            return try await rolledUpDailySums(filter, window, by: .user).values.reduce(into: UsageAccumulator()) { $0.merge($1) }.summary
        }
        var sql = SQLBuilder(dialect, "SELECT " + Self.summaryColumns + " FROM ")
        sql.append(sql.table(Call.table, "c"))
        filter.apply(toCalls: &sql)
        sql.appendWhere()
        var reader = try await firstRow(sql)
        return try Self.summary(&reader)
    }

    /// Totals per model (and provider) over the calls matching `filter`, most expensive first.
    public func usageByModel(_ filter: LedgerFilter = LedgerFilter()) async throws -> [ModelUsage] {
        if let window = try await rollupWindow(for: filter, by: [.model, .provider]) {
            return try await rolledUpSums(filter, window, bucket: nil, dimensions: [.model, .provider])
                .sorted { Self.costOrdered(($0.value, [$0.key[1], $0.key[2]]), ($1.value, [$1.key[1], $1.key[2]])) }
                .map { ModelUsage(model: $0.key[1] ?? "", provider: $0.key[2], summary: $0.value.summary) }
        }
        var sql = SQLBuilder(dialect, "SELECT c.model, c.provider, " + Self.summaryColumns + " FROM ")
        sql.append(sql.table(Call.table, "c"))
        filter.apply(toCalls: &sql)
        sql.appendWhere()
        sql.append(" GROUP BY c.model, c.provider ORDER BY s_cost DESC, s_calls DESC, c.model, c.provider")
        return try await rows(sql).map { row in
            var reader = RowReader(row)
            return ModelUsage(model: try reader.string(), provider: try reader.optionalString(), summary: try Self.summary(&reader))
        }
    }

    /// count, successes, errors, partials, five token sums, cost, unpriced, latency: 12
    /// columns over calls aliased `c`.
    static let summaryColumns = """
        COUNT(*) AS s_calls, \
        COALESCE(SUM(CASE WHEN c.status = 'success' THEN 1 ELSE 0 END), 0) AS s_successes, \
        COALESCE(SUM(CASE WHEN c.status = 'error' THEN 1 ELSE 0 END), 0) AS s_errors, \
        COALESCE(SUM(CASE WHEN c.status = 'partial' THEN 1 ELSE 0 END), 0) AS s_partials, \
        SUM(c.input_tokens) AS s_input, SUM(c.output_tokens) AS s_output, SUM(c.cache_read_tokens) AS s_cache_read, \
        SUM(c.cache_write_tokens) AS s_cache_write, SUM(c.reasoning_tokens) AS s_reasoning, \
        COALESCE(SUM(c.cost_nano_usd), 0) AS s_cost, \
        COALESCE(SUM(CASE WHEN c.cost_nano_usd IS NULL THEN 1 ELSE 0 END), 0) AS s_unpriced, AVG(c.latency_ms) AS s_latency
        """

    static func summary(_ reader: inout RowReader) throws -> UsageSummary {
        UsageSummary(
            calls: try reader.int64(), successes: try reader.int64(), errors: try reader.int64(),
            partials: try reader.int64(),
            tokens: TokenUsage(input: try reader.optionalInt64(), output: try reader.optionalInt64(),
                               cacheRead: try reader.optionalInt64(), cacheWrite: try reader.optionalInt64(),
                               reasoning: try reader.optionalInt64()),
            costUSD: NanoDollars.usd(try reader.int64()), unpricedCalls: try reader.int64(),
            averageLatencyMs: try reader.optionalDouble())
    }

    /// The order of groups by usage: most expensive first, then most calls, then by their
    /// values (code point order, none last).
    static func costOrdered(_ a: (UsageAccumulator, [String?]), _ b: (UsageAccumulator, [String?])) -> Bool {
        if a.0.costNanoUSD != b.0.costNanoUSD { return a.0.costNanoUSD > b.0.costNanoUSD }
        if a.0.calls != b.0.calls { return a.0.calls > b.0.calls }
        return ordered(a.1, b.1)
    }
}
