import Foundation

extension Ledger {
    /// Totals and latency percentiles (nearest rank, see `UsageOverview`) of the calls
    /// matching `filter`.
    public func overview(_ filter: CallFilter = CallFilter()) async throws -> UsageOverview {
        let summary = try await usage(filter)
        var count = SQLBuilder(dialect, "SELECT COUNT(latency_ms) FROM " + dialect.quoteIdentifier(Call.table))
        filter.apply(to: &count)
        count.appendWhere()
        let timed = try await rows(count)
        guard let first = timed.first else { throw LedgerError(.decodingFailed, "the latency count returned no row") }
        var reader = RowReader(first)
        let n = try reader.int64()
        var overview = UsageOverview(summary: summary)
        guard n > 0 else { return overview }
        func percentile(_ p: Int64) async throws -> Double? {
            let rank = (p * n + 99) / 100
            var sql = SQLBuilder(dialect, "SELECT latency_ms FROM " + dialect.quoteIdentifier(Call.table))
            filter.apply(to: &sql)
            sql.condition("latency_ms IS NOT NULL")
            sql.appendWhere()
            sql.append(" ORDER BY latency_ms LIMIT 1 OFFSET \(sql.bind(.integer(max(0, rank - 1))))")
            let found = try await rows(sql)
            guard let row = found.first else { return nil }
            var value = RowReader(row)
            return try value.optionalDouble()
        }
        overview.latencyP50 = try await percentile(50)
        overview.latencyP95 = try await percentile(95)
        overview.latencyP99 = try await percentile(99)
        return overview
    }

    /// Totals per value of `dimension` over the calls matching `filter`, most expensive
    /// first (then most calls), at most `top` groups when given.
    public func usage(by dimension: CallDimension, _ filter: CallFilter = CallFilter(), top: Int? = nil) async throws -> [UsageGroup] {
        let column = dialect.quoteIdentifier(dimension.column)
        var sql = SQLBuilder(dialect, "SELECT \(column), " + Self.summaryColumns + " FROM " + dialect.quoteIdentifier(Call.table))
        filter.apply(to: &sql)
        sql.appendWhere()
        sql.append(" GROUP BY \(column) ORDER BY 11 DESC, 2 DESC, CASE WHEN \(column) IS NULL THEN 1 ELSE 0 END, \(column)")
        if let top { sql.append(" LIMIT \(sql.bind(.integer(Int64(max(0, top)))))") }
        return try await groups(sql, isTime: false)
    }

    /// Totals per time bucket over the calls matching `filter`, in time order.
    public func usage(by bucket: TimeBucket, _ filter: CallFilter = CallFilter()) async throws -> [UsageGroup] {
        let expression = dialect.timeBucket(bucket, of: "created_at")
        var sql = SQLBuilder(dialect, "SELECT \(expression), " + Self.summaryColumns + " FROM " + dialect.quoteIdentifier(Call.table))
        filter.apply(to: &sql)
        sql.appendWhere()
        sql.append(" GROUP BY \(expression) ORDER BY 1")
        return try await groups(sql, isTime: bucket != .hourOfDay)
    }

    private func groups(_ builder: SQLBuilder, isTime: Bool) async throws -> [UsageGroup] {
        let found = try await rows(builder)
        return try found.map { row in
            var reader = RowReader(row)
            let key = try reader.optionalString()
            let start = isTime ? key.flatMap(Timestamp.parse).map { Timestamp.date(microseconds: $0) } : nil
            return UsageGroup(key: key, start: start, summary: try Self.summary(&reader))
        }
    }
}
