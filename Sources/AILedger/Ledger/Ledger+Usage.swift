import Foundation

extension Ledger {
    /// Totals over the calls matching `filter`.
    public func usage(_ filter: CallFilter = CallFilter()) async throws -> UsageSummary {
        var sql = SQLBuilder(dialect, "SELECT " + Self.summaryColumns + " FROM " + dialect.quoteIdentifier(Call.table))
        filter.apply(to: &sql)
        sql.appendWhere()
        let found = try await rows(sql)
        guard let row = found.first else { throw LedgerError(.decodingFailed, "the usage query returned no row") }
        var reader = RowReader(row)
        return try Self.summary(&reader)
    }

    /// Totals per model (and provider) over the calls matching `filter`, most expensive first.
    public func usageByModel(_ filter: CallFilter = CallFilter()) async throws -> [ModelUsage] {
        var sql = SQLBuilder(dialect, "SELECT model, provider, " + Self.summaryColumns + " FROM " + dialect.quoteIdentifier(Call.table))
        filter.apply(to: &sql)
        sql.appendWhere()
        sql.append(" GROUP BY model, provider ORDER BY 12 DESC, 3 DESC, model, provider")
        let found = try await rows(sql)
        return try found.map { row in
            var reader = RowReader(row)
            return ModelUsage(model: try reader.string(), provider: try reader.optionalString(), summary: try Self.summary(&reader))
        }
    }

    /// count, successes, errors, partials, five token sums, cost, unpriced, latency: 12 columns.
    static let summaryColumns = """
        COUNT(*), \
        COALESCE(SUM(CASE WHEN status = 'success' THEN 1 ELSE 0 END), 0), \
        COALESCE(SUM(CASE WHEN status = 'error' THEN 1 ELSE 0 END), 0), \
        COALESCE(SUM(CASE WHEN status = 'partial' THEN 1 ELSE 0 END), 0), \
        SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens), \
        SUM(reasoning_tokens), COALESCE(SUM(cost_nano_usd), 0), \
        COALESCE(SUM(CASE WHEN cost_nano_usd IS NULL THEN 1 ELSE 0 END), 0), AVG(latency_ms)
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
}
