import Foundation

extension Ledger {
    /// Totals and latency percentiles (nearest rank, see `UsageOverview`) of the calls
    /// matching `filter`.
    public func overview(_ filter: LedgerFilter = LedgerFilter()) async throws -> UsageOverview {
        if let window = try await rollupWindow(for: filter) {
            let sums = try await rolledUpSums(filter, window, bucket: nil, dimensions: [])[[nil], default: UsageAccumulator()]
            var overview = UsageOverview(summary: sums.summary)
            guard sums.timed > 0 else { return overview }
            let histogram = try await rolledUpHistograms(filter, window, bucket: nil)[String?.none] ?? LatencyHistogram()
            (overview.latencyP50, overview.latencyP95, overview.latencyP99) =
                (histogram.percentile(50), histogram.percentile(95), histogram.percentile(99))
            return overview
        }
        var sql = SQLBuilder(dialect, "SELECT " + Self.summaryColumns + ", COUNT(c.latency_ms) FROM ")
        sql.append(sql.table(Call.table, "c"))
        filter.apply(toCalls: &sql)
        sql.appendWhere()
        var reader = try await firstRow(sql)
        var overview = UsageOverview(summary: try Self.summary(&reader))
        let timed = try reader.int64()
        guard timed > 0 else { return overview }
        (overview.latencyP50, overview.latencyP95, overview.latencyP99) = try await latencyPercentiles(
            of: timed, in: Call.table, alias: "c", where: { filter.apply(toCalls: &$0) })
        return overview
    }

    /// The nearest-rank 50th, 95th and 99th percentiles of `alias.latency_ms` over the
    /// `count` rows of `table` that have one and that `filter` selects.
    func latencyPercentiles(of count: Int64, in table: String, alias: String,
                            where filter: (inout SQLBuilder) -> Void) async throws -> (Double?, Double?, Double?) {
        let column = "\(alias).latency_ms"
        if let bucket = dialect.rankBucket(of: column),
           let found = try await bucketedPercentiles(bucket, column, in: table, alias: alias, where: filter) {
            return found
        }
        let ranks = Self.percentileRanks(of: count)
        var ranked = SQLBuilder(dialect, "SELECT r, latency_ms FROM (SELECT \(column), ROW_NUMBER() OVER (ORDER BY \(column)) AS r FROM ")
        ranked.append(ranked.table(table, alias))
        filter(&ranked)
        ranked.condition("\(column) IS NOT NULL")
        ranked.appendWhere()
        ranked.append(") ranked WHERE r IN (\(ranks.map { ranked.bind(.integer($0)) }.joined(separator: ", ")))")
        var latency: [Int64: Double] = [:]
        for row in try await rows(ranked) {
            var reader = RowReader(row)
            latency[try reader.int64()] = try reader.optionalDouble()
        }
        return (latency[ranks[0]], latency[ranks[1]], latency[ranks[2]])
    }

    /// The nearest ranks of the 50th, 95th and 99th percentiles of `count` values.
    static func percentileRanks(of count: Int64) -> [Int64] {
        [50, 95, 99].map { p in max(1, (Int64(p) * count + 99) / 100) }
    }

    /// The exact percentiles found in two passes: the rows counted per `bucket` (the
    /// dialect's `rankBucket`), then only the buckets holding the three ranks sorted. Nil
    /// when rows changed between the passes so that a rank was not found.
    private func bucketedPercentiles(_ bucket: String, _ column: String, in table: String, alias: String,
                                     where filter: (inout SQLBuilder) -> Void) async throws -> (Double?, Double?, Double?)? {
        var counting = SQLBuilder(dialect, "SELECT \(bucket) AS b, COUNT(*) FROM ")
        counting.append(counting.table(table, alias))
        filter(&counting)
        counting.condition("\(column) IS NOT NULL")
        counting.appendWhere()
        counting.append(" GROUP BY b")
        var sizes: [(bucket: Int64, rows: Int64)] = []
        for row in try await rows(counting) {
            var reader = RowReader(row)
            sizes.append((try reader.int64(), try reader.int64()))
        }
        sizes.sort { $0.bucket < $1.bucket }
        let total = sizes.reduce(0) { $0 + $1.rows }
        guard total > 0 else { return (nil, nil, nil) }
        // Each rank's bucket, and its rank among the bucket's rows.
        var targets: [(bucket: Int64, rank: Int64)] = []
        var before: Int64 = 0
        var pending = Self.percentileRanks(of: total)[...]
        for size in sizes {
            while let rank = pending.first, rank <= before + size.rows {
                targets.append((size.bucket, rank - before))
                pending.removeFirst()
            }
            before += size.rows
        }
        var ranked = SQLBuilder(dialect, "SELECT b, r, latency_ms FROM (SELECT \(bucket) AS b, \(column), ")
        ranked.append("ROW_NUMBER() OVER (PARTITION BY \(bucket) ORDER BY \(column)) AS r FROM ")
        ranked.append(ranked.table(table, alias))
        filter(&ranked)
        ranked.condition("\(column) IS NOT NULL")
        let buckets = Set(targets.map(\.bucket)).sorted()
        ranked.condition("\(bucket) IN (\(buckets.map { ranked.bind(.integer($0)) }.joined(separator: ", ")))")
        ranked.appendWhere()
        let wanted = targets.map { "(b = \(ranked.bind(.integer($0.bucket))) AND r = \(ranked.bind(.integer($0.rank))))" }
        ranked.append(") ranked WHERE " + wanted.joined(separator: " OR "))
        var latency: [String: Double] = [:]
        for row in try await rows(ranked) {
            var reader = RowReader(row)
            let (b, r) = (try reader.int64(), try reader.int64())
            latency["\(b) \(r)"] = try reader.optionalDouble()
        }
        let values = targets.map { latency["\($0.bucket) \($0.rank)"] }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        return (values[0], values[1], values[2])
    }

    /// Totals per value of `dimension` over the calls matching `filter`, most expensive
    /// first (then most calls), at most `top` groups when given.
    public func usage(by dimension: CallDimension, _ filter: LedgerFilter = LedgerFilter(), top: Int? = nil) async throws -> [UsageGroup] {
        if let window = try await rollupWindow(for: filter, by: [dimension]) {
            let groups = try await rolledUpSums(filter, window, bucket: nil, dimensions: [dimension])
                .sorted { Self.costOrdered(($0.value, [$0.key[1]]), ($1.value, [$1.key[1]])) }
                .prefix(top.map { max(0, $0) } ?? Int.max)
            return groups.map { UsageGroup(key: $0.key[1], start: nil, summary: $0.value.summary) }
        }
        if let column = dimension.promptRollupColumn, let window = try await promptRollupWindow(for: filter, interactionStatus: false) {
            return try await rolledUpPromptCalls(filter, window, by: column)
                .sorted { Self.costOrdered(($0.value, [$0.key]), ($1.value, [$1.key])) }
                .prefix(top.map { max(0, $0) } ?? Int.max)
                .map { UsageGroup(key: $0.key, start: nil, summary: $0.value.summary) }
        }
        if dimension == .user, let window = try await userRollupWindow(for: filter) {
            return try await rolledUpDailySums(filter, window, by: .user)
                .sorted { Self.costOrdered(($0.value, [$0.key]), ($1.value, [$1.key])) }
                .prefix(top.map { max(0, $0) } ?? Int.max)
                .map { UsageGroup(key: $0.key, start: nil, summary: $0.value.summary) }
        }
        if let window = try await partyRollupWindow(for: filter, by: dimension) {
            return try await rolledUpDailySums(filter, window, by: dimension)
                .sorted { Self.costOrdered(($0.value, [$0.key]), ($1.value, [$1.key])) }
                .prefix(top.map { max(0, $0) } ?? Int.max)
                .map { UsageGroup(key: $0.key, start: nil, summary: $0.value.summary) }
        }
        let key = dimension.expression
        var sql = SQLBuilder(dialect, "SELECT \(key), " + Self.summaryColumns + " FROM ")
        sql.append(sql.table(Call.table, "c") + dialect.ignoringForGrouping(Call.groupableIndexes))
        if dimension.needsInteraction { sql.append(" LEFT JOIN \(sql.table(Interaction.table, "i")) ON i.id = c.interaction_id") }
        if dimension.needsConversation { sql.append(" LEFT JOIN \(sql.table(Conversation.table, "v")) ON v.id = c.conversation_id") }
        filter.apply(toCalls: &sql)
        sql.appendWhere()
        let order = dimension.isText ? dialect.codePointOrder(key) : key
        sql.append(" GROUP BY \(key) ORDER BY s_cost DESC, s_calls DESC, CASE WHEN \(key) IS NULL THEN 1 ELSE 0 END, \(order)")
        if let top { sql.append(" LIMIT \(sql.bind(.integer(Int64(max(0, top)))))") }
        return try await groups(sql, isTime: false)
    }

    /// Totals per time bucket over the calls matching `filter`, in time order.
    public func usage(by bucket: TimeBucket, _ filter: LedgerFilter = LedgerFilter()) async throws -> [UsageGroup] {
        if let window = try await rollupWindow(for: filter) {
            return try await rolledUpSums(filter, window, bucket: bucket, dimensions: [])
                .sorted { Self.bucketOrdered(bucket, $0.key[0], $1.key[0]) }
                .map { UsageGroup(key: $0.key[0], start: Self.bucketStart(bucket, $0.key[0]), summary: $0.value.summary) }
        }
        // Group by the cheap key; format only the few resulting buckets.
        let key = dialect.timeBucketKey(bucket, of: "c.created_at")
        var sql = SQLBuilder(dialect, "SELECT \(dialect.timeBucketLabel(bucket, key: "t.bucket")), t.* FROM (SELECT \(key) AS bucket, ")
        sql.append(Self.summaryColumns + " FROM " + sql.table(Call.table, "c"))
        filter.apply(toCalls: &sql)
        sql.appendWhere()
        sql.append(" GROUP BY \(key)) t ORDER BY t.bucket")
        return try await groups(sql, isTime: bucket != .hourOfDay, skipping: 1)
    }

    /// Totals per time bucket and value of `dimension` over the calls matching `filter`, in
    /// one pass: each group's `start` is its bucket and `key` its value, in time order and,
    /// within a bucket, most expensive first. With `top`, only the `top` values most
    /// expensive over the whole window keep their own groups; the others are summed with the
    /// calls that have no value, under nil. (Hour of day cannot be split: it has no start.)
    public func usage(by bucket: TimeBucket, and dimension: CallDimension, _ filter: LedgerFilter = LedgerFilter(),
                      top: Int? = nil) async throws -> [UsageGroup] {
        guard bucket != .hourOfDay else {
            throw LedgerError(.invalidConfiguration, "by: hour-of-day cannot be split by a dimension; use hour")
        }
        if let window = try await rollupWindow(for: filter, by: [dimension]) {
            var sums = try await rolledUpSums(filter, window, bucket: bucket, dimensions: [dimension])
            if let top {
                var totals: [String?: UsageAccumulator] = [:]
                for (key, sum) in sums { totals[key[1], default: UsageAccumulator()].merge(sum) }
                let kept = Set(totals.filter { $0.key != nil }.sorted { Self.costOrdered(($0.value, [$0.key]), ($1.value, [$1.key])) }
                    .prefix(max(0, top)).map(\.key))
                var folded: [[String?]: UsageAccumulator] = [:]
                for (key, sum) in sums { folded[[key[0], kept.contains(key[1]) ? key[1] : nil], default: UsageAccumulator()].merge(sum) }
                sums = folded
            }
            return sums.sorted { a, b in
                a.key[0] != b.key[0] ? Self.bucketOrdered(bucket, a.key[0], b.key[0]) : Self.costOrdered((a.value, [a.key[1]]), (b.value, [b.key[1]]))
            }.map { UsageGroup(key: $0.key[1], start: Self.bucketStart(bucket, $0.key[0]), summary: $0.value.summary) }
        }
        let key = dialect.timeBucketKey(bucket, of: "c.created_at")
        var sql = SQLBuilder(dialect, "")
        var value = dimension.expression
        if let top {
            let kept = try await usage(by: dimension, filter, top: top).compactMap(\.key)
            guard !kept.isEmpty else {
                // Nothing has a value: every call is in the nil group of its bucket.
                return try await usage(by: bucket, filter).map { UsageGroup(key: nil, start: $0.start, summary: $0.summary) }
            }
            value = "CASE WHEN \(value) IN (\(kept.map { sql.bind(.text($0)) }.joined(separator: ", "))) THEN \(value) END"
        }
        sql.append("SELECT \(dialect.timeBucketLabel(bucket, key: "t.bucket")), t.* FROM (SELECT \(key) AS bucket, \(value) AS dimension_value, ")
        sql.append(Self.summaryColumns + " FROM " + sql.table(Call.table, "c"))
        if dimension.needsInteraction { sql.append(" LEFT JOIN \(sql.table(Interaction.table, "i")) ON i.id = c.interaction_id") }
        if dimension.needsConversation { sql.append(" LEFT JOIN \(sql.table(Conversation.table, "v")) ON v.id = c.conversation_id") }
        filter.apply(toCalls: &sql)
        sql.appendWhere()
        // By position: the value's expression holds placeholders, which must appear once.
        sql.append(" GROUP BY 1, 2) t ORDER BY t.bucket, t.s_cost DESC, t.s_calls DESC")
        return try await rows(sql).map { row in
            var reader = RowReader(row)
            let label = try reader.optionalString()
            reader.skip()
            let value = try reader.optionalString()
            return UsageGroup(key: value, start: label.flatMap(Timestamp.parse).map { Timestamp.date(microseconds: $0) },
                              summary: try Self.summary(&reader))
        }
    }

    /// The latency percentiles of the calls matching `filter`, per time bucket, in time
    /// order; buckets without a timed call are left out. (Hour of day is refused: it has no
    /// start.)
    public func latencyPercentiles(by bucket: TimeBucket, _ filter: LedgerFilter = LedgerFilter()) async throws -> [LatencyPercentiles] {
        guard bucket != .hourOfDay else {
            throw LedgerError(.invalidConfiguration, "bucket: hour-of-day has no percentiles over time; use hour")
        }
        if let window = try await rollupWindow(for: filter) {
            return try await rolledUpHistograms(filter, window, bucket: bucket)
                .sorted { Self.bucketOrdered(bucket, $0.key, $1.key) }
                .compactMap { label, histogram in
                    guard let start = Self.bucketStart(bucket, label), !histogram.isEmpty else { return nil }
                    return LatencyPercentiles(start: start, timed: histogram.total, p50: histogram.percentile(50),
                                              p95: histogram.percentile(95), p99: histogram.percentile(99))
                }
        }
        let key = dialect.timeBucketKey(bucket, of: "c.created_at")
        // Rank r of n is the nearest rank of p when r × 100 ≥ p × n > (r − 1) × 100: integers only.
        let ranks = [50, 95, 99].map { "(x.r * 100 >= \($0) * x.n AND (x.r - 1) * 100 < \($0) * x.n)" }.joined(separator: " OR ")
        var sql = SQLBuilder(dialect, "SELECT \(dialect.timeBucketLabel(bucket, key: "x.bucket")), x.n, x.r, x.latency_ms FROM (SELECT ")
        sql.append("\(key) AS bucket, c.latency_ms, ROW_NUMBER() OVER (PARTITION BY \(key) ORDER BY c.latency_ms) AS r, ")
        sql.append("COUNT(*) OVER (PARTITION BY \(key)) AS n FROM " + sql.table(Call.table, "c"))
        filter.apply(toCalls: &sql)
        sql.condition("c.latency_ms IS NOT NULL")
        sql.appendWhere()
        sql.append(") x WHERE \(ranks) ORDER BY x.bucket, x.r")
        var found: [LatencyPercentiles] = []
        for row in try await rows(sql) {
            var reader = RowReader(row)
            guard let label = try reader.optionalString(), let micros = Timestamp.parse(label) else { continue }
            let n = try reader.int64(), r = try reader.int64(), latency = try reader.optionalDouble()
            let start = Timestamp.date(microseconds: micros)
            if found.last?.start != start { found.append(LatencyPercentiles(start: start, timed: n)) }
            let rank = { (p: Int64) in max(1, (p * n + 99) / 100) }
            if r == rank(50) { found[found.count - 1].p50 = latency }
            if r == rank(95) { found[found.count - 1].p95 = latency }
            if r == rank(99) { found[found.count - 1].p99 = latency }
        }
        return found
    }

    /// Bucket labels in time order (hours of the day as numbers).
    static func bucketOrdered(_ bucket: TimeBucket, _ a: String?, _ b: String?) -> Bool {
        if bucket == .hourOfDay, let x = a.flatMap({ Int($0) }), let y = b.flatMap({ Int($0) }) { return x < y }
        return ordered([a], [b])
    }

    /// The start of the bucket labelled `label`; nil for hours of the day.
    static func bucketStart(_ bucket: TimeBucket, _ label: String?) -> Date? {
        guard bucket != .hourOfDay else { return nil }
        return label.flatMap(Timestamp.parse).map { Timestamp.date(microseconds: $0) }
    }

    private func groups(_ builder: SQLBuilder, isTime: Bool, skipping: Int = 0) async throws -> [UsageGroup] {
        try await rows(builder).map { row in
            var reader = RowReader(row)
            let key = try reader.optionalString()
            for _ in 0..<skipping { reader.skip() }
            let start = isTime ? key.flatMap(Timestamp.parse).map { Timestamp.date(microseconds: $0) } : nil
            return UsageGroup(key: key, start: start, summary: try Self.summary(&reader))
        }
    }
}
