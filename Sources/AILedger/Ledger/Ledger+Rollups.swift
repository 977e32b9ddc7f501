import Foundation

extension Ledger {
    /// Whether aggregates over calls are read from the hourly rollups wherever they answer
    /// the question (the default); false reads the raw rows always, for exact percentiles.
    public var readsRollups: Bool {
        get { rollupReading.withLock { $0 } }
        set { rollupReading.withLock { $0 = newValue } }
    }

    /// Where the ledger reads the answer about the calls matching `filter`, grouped by
    /// `dimension` and per `bucket` if given, or their latency `percentiles`, once the
    /// rollups count every stored call: the hourly rollups when the filter names only a time
    /// range, model, provider, status and call type and the grouping is one of those four;
    /// the daily user rollups for totals and the group by user when it names only a time
    /// range and a user (no series, no percentiles); the hourly prompt rollups for the
    /// group by interaction type or prompt version when it names only a time range,
    /// interaction type, prompt and prompt version; the daily party rollups for the group by
    /// persona, device or contact over a time range alone; else the raw rows.
    public func aggregateSource(for filter: LedgerFilter = LedgerFilter(), by dimension: CallDimension? = nil,
                                over bucket: TimeBucket? = nil, percentiles: Bool = false) async throws -> AggregateSource {
        if try await rollupWindow(for: filter, by: dimension.map { [$0] } ?? []) != nil { return .rollups }
        if bucket == nil, !percentiles, dimension?.promptRollupColumn != nil,
           try await promptRollupWindow(for: filter, interactionStatus: false) != nil {
            return .rollups
        }
        if bucket == nil, !percentiles, dimension == nil || dimension == .user, try await userRollupWindow(for: filter) != nil {
            return .rollups
        }
        if bucket == nil, !percentiles, let dimension, try await partyRollupWindow(for: filter, by: dimension) != nil {
            return .rollups
        }
        return .rawRows
    }

    /// Whether every rollup counts every stored call and interaction: false when records
    /// were stored before a rollup existed and `rebuildRollups` has not run since, or before
    /// `migrate()`. Read from the database at most every five seconds.
    public func rollupsAreComplete() async throws -> Bool {
        let sets = try await completeRollupSets()
        return !sets.isEmpty && !sets.values.contains(false)
    }

    /// Whether the rollups of set `name` count every stored record: `calls` (calls, users,
    /// prompts, the days of users and conversations) or `parties` (personas, devices and
    /// contacts; missing variables).
    func rollupsAreComplete(_ name: String) async throws -> Bool {
        try await completeRollupSets()[name] ?? false
    }

    /// Each set of rollups the schema has, and whether it counts every stored record.
    private func completeRollupSets() async throws -> [String: Bool] {
        if let (sets, readAt) = rollupState.withLock({ $0 }), ContinuousClock.now - readAt < .seconds(5) {
            return sets
        }
        var sets: [String: Bool] = [:]
        do {
            // From where the rollups themselves are read: a replica's state matches its rows.
            let rows = try await database.withConnection(.replica) { connection in
                try await connection.query("SELECT name, complete FROM \(dialect.quoteIdentifier(Self.rollupStateTable))", [])
            }
            for row in rows {
                var reader = RowReader(row)
                sets[try reader.string()] = try reader.int64() == 1
            }
        } catch let error as LedgerError where error.kind == .undefinedTable {
            sets = [:]
        }
        rollupState.withLock { $0 = (sets, ContinuousClock.now) }
        return sets
    }

    static let rollupStateTable = "ailedger_rollup_state"

    /// Forgets whether the rollups were complete, so that the next question reads it again.
    package func forgetRollupState() {
        rollupState.withLock { $0 = nil }
    }

    /// The split between rollups and raw rows for calls matching `filter` grouped by
    /// `dimensions`; nil when the raw rows must answer.
    func rollupWindow(for filter: LedgerFilter, by dimensions: [CallDimension] = []) async throws -> RollupWindow? {
        guard readsRollups, filter.isCoveredByCallRollups,
              dimensions.allSatisfy({ $0.rollupColumn != nil }),
              let window = RollupWindow(filter) else { return nil }
        return try await rollupsAreComplete("calls") ? window : nil
    }

    /// The split between the daily user rollups and raw rows for calls matching `filter`;
    /// nil when the raw rows must answer.
    func userRollupWindow(for filter: LedgerFilter) async throws -> RollupWindow? {
        guard readsRollups, filter.isCoveredByUserRollups, let window = RollupWindow(filter, unit: 86_400_000_000) else {
            return nil
        }
        return try await rollupsAreComplete("calls") ? window : nil
    }

    /// The split between the daily party rollups and raw rows for calls matching `filter`
    /// grouped by `dimension` (persona, device or contact); nil when the raw rows must answer.
    func partyRollupWindow(for filter: LedgerFilter, by dimension: CallDimension) async throws -> RollupWindow? {
        guard readsRollups, PartyRollupKey.dimensions.contains(dimension),
              filter == LedgerFilter(since: filter.since, until: filter.until),
              let window = RollupWindow(filter, unit: 86_400_000_000) else { return nil }
        return try await rollupsAreComplete("parties") ? window : nil
    }

    /// Sums per value of `dimension` over the calls matching `filter`: per user (the filter
    /// a time range and a user) from the daily user rollups, per persona, device or contact
    /// (the filter a time range) from the daily party rollups, for the window's whole days;
    /// from the raw rows for its edges.
    func rolledUpDailySums(_ filter: LedgerFilter, _ window: RollupWindow,
                           by dimension: CallDimension) async throws -> [String?: UsageAccumulator] {
        let party = dimension != .user
        // The same columns as the raw query's: the value, the sums.
        var sql = SQLBuilder(dialect, "SELECT r.\(party ? "value" : "user_id"), " + Self.userRollupSumColumns + " FROM ")
        sql.append(sql.table(party ? RollupBatch.partyTable : RollupBatch.userTable, "r"))
        sql.alias = "r"
        sql.filter("day", ">=", window.fromHour.map(SQLValue.timestamp))
        sql.filter("day", "<", window.toHour.map(SQLValue.timestamp))
        if party {
            sql.filter("dimension", "=", .text(dimension.rawValue))
        } else {
            sql.filter("user_id", "=", filter.userID.map(SQLValue.text))
        }
        sql.appendWhere()
        sql.append(" GROUP BY r.\(party ? "value" : "user_id")")
        var queries = [sql]
        for edge in window.edges {
            var sql = SQLBuilder(dialect, "SELECT \(dimension.expression), \(Self.rawSumColumns) FROM ")
            sql.append(sql.table(Call.table, "c"))
            if dimension.needsInteraction { sql.append(" LEFT JOIN \(sql.table(Interaction.table, "i")) ON i.id = c.interaction_id") }
            if dimension.needsConversation { sql.append(" LEFT JOIN \(sql.table(Conversation.table, "v")) ON v.id = c.conversation_id") }
            edge.apply(toCalls: &sql)
            sql.appendWhere()
            sql.append(" GROUP BY \(dimension.expression)")
            queries.append(sql)
        }
        var sums: [String?: UsageAccumulator] = [:]
        for query in queries {
            for row in try await rows(query) {
                var reader = RowReader(row)
                let value = try reader.optionalString()
                sums[value, default: UsageAccumulator()].merge(try UsageAccumulator(reading: &reader))
            }
        }
        return sums
    }

    /// The 13 sums of `rawSumColumns` over user rollup rows aliased `r`.
    static let userRollupSumColumns = """
        SUM(r.calls), SUM(r.successes), SUM(r.errors), SUM(r.partials), \
        SUM(r.input_tokens), SUM(r.output_tokens), SUM(r.cache_read_tokens), SUM(r.cache_write_tokens), \
        SUM(r.reasoning_tokens), SUM(r.cost_nano_usd), SUM(r.unpriced), SUM(r.latency_sum_ms), SUM(r.timed)
        """

    /// count, successes, errors, partials, five token sums, cost, unpriced, latency sum,
    /// timed: 13 columns over calls aliased `c` (see `UsageAccumulator`).
    static let rawSumColumns = """
        COUNT(*), \
        SUM(CASE WHEN c.status = 'success' THEN 1 ELSE 0 END), \
        SUM(CASE WHEN c.status = 'error' THEN 1 ELSE 0 END), \
        SUM(CASE WHEN c.status = 'partial' THEN 1 ELSE 0 END), \
        SUM(c.input_tokens), SUM(c.output_tokens), SUM(c.cache_read_tokens), SUM(c.cache_write_tokens), \
        SUM(c.reasoning_tokens), SUM(c.cost_nano_usd), SUM(CASE WHEN c.cost_nano_usd IS NULL THEN 1 ELSE 0 END), \
        SUM(c.latency_ms), COUNT(c.latency_ms)
        """

    /// The same 13 columns over rollup rows aliased `r`.
    static let rollupSumColumns = """
        SUM(r.calls), \
        SUM(CASE WHEN r.status = 'success' THEN r.calls ELSE 0 END), \
        SUM(CASE WHEN r.status = 'error' THEN r.calls ELSE 0 END), \
        SUM(CASE WHEN r.status = 'partial' THEN r.calls ELSE 0 END), \
        SUM(r.input_tokens), SUM(r.output_tokens), SUM(r.cache_read_tokens), SUM(r.cache_write_tokens), \
        SUM(r.reasoning_tokens), SUM(r.cost_nano_usd), SUM(r.unpriced), SUM(r.latency_sum_ms), SUM(r.timed)
        """

    /// Sums per group over the calls matching `filter`: from the rollups for the window's
    /// whole hours, from the raw rows for its edges. A group's key is the bucket's label
    /// (nil without `bucket`) followed by the value of each dimension.
    func rolledUpSums(_ filter: LedgerFilter, _ window: RollupWindow, bucket: TimeBucket?,
                      dimensions: [CallDimension]) async throws -> [[String?]: UsageAccumulator] {
        var sums: [[String?]: UsageAccumulator] = [:]
        let read = { (sql: SQLBuilder) in
            for row in try await self.rows(sql) {
                var reader = RowReader(row)
                var key: [String?] = []
                for _ in 0...dimensions.count { key.append(try reader.optionalString()) }
                sums[key, default: UsageAccumulator()].merge(try UsageAccumulator(reading: &reader))
            }
        }
        // By position, leaving out the constant NULL label when there is no bucket.
        let positions = ((bucket == nil ? 2 : 1)..<(dimensions.count + 2)).map(String.init)
        let groupBy = positions.isEmpty ? "" : " GROUP BY " + positions.joined(separator: ", ")
        var sql = rollupQuery(filter, window, bucket: bucket,
                              selecting: dimensions.compactMap(\.rollupColumn).map { "r.\($0)" }, Self.rollupSumColumns)
        sql.appendWhere()
        sql.append(groupBy)
        try await read(sql)
        for edge in window.edges {
            var sql = rawQuery(edge, bucket: bucket, selecting: dimensions.map(\.expression), Self.rawSumColumns)
            sql.appendWhere()
            sql.append(groupBy)
            try await read(sql)
        }
        return sums
    }

    /// Latency histograms per bucket label (nil without `bucket`) over the calls matching
    /// `filter`: the rollups' for whole hours, the raw latencies of the edges added in.
    func rolledUpHistograms(_ filter: LedgerFilter, _ window: RollupWindow,
                            bucket: TimeBucket?) async throws -> [String?: LatencyHistogram] {
        var histograms: [String?: LatencyHistogram] = [:]
        var sql = rollupQuery(filter, window, bucket: bucket, selecting: [], "r.latency_histogram")
        sql.condition("r.timed > 0")
        sql.appendWhere()
        for row in try await rows(sql) {
            var reader = RowReader(row)
            let label = try reader.optionalString()
            try histograms[label, default: LatencyHistogram()].add(text: try reader.string())
        }
        for edge in window.edges {
            var sql = rawQuery(edge, bucket: bucket, selecting: [], "c.latency_ms")
            sql.condition("c.latency_ms IS NOT NULL")
            sql.appendWhere()
            for row in try await rows(sql) {
                var reader = RowReader(row)
                let label = try reader.optionalString()
                histograms[label, default: LatencyHistogram()].add(try reader.optionalDouble() ?? 0)
            }
        }
        return histograms
    }

    /// `SELECT label, columns..., aggregates FROM rollups r` with the conditions that keep
    /// the window's whole hours and the filter's values (WHERE not appended yet).
    private func rollupQuery(_ filter: LedgerFilter, _ window: RollupWindow, bucket: TimeBucket?,
                             selecting columns: [String], _ aggregates: String) -> SQLBuilder {
        let label = bucket.map { dialect.timeBucketLabel($0, key: dialect.timeBucketKey($0, of: "r.hour")) } ?? "NULL"
        var sql = SQLBuilder(dialect, "SELECT " + ([label] + columns + [aggregates]).joined(separator: ", ") + " FROM ")
        sql.append(sql.table(RollupBatch.callTable, "r"))
        sql.alias = "r"
        sql.filter("hour", ">=", window.fromHour.map(SQLValue.timestamp))
        sql.filter("hour", "<", window.toHour.map(SQLValue.timestamp))
        sql.filter("model", "=", filter.model.map(SQLValue.text))
        sql.filter("provider", "=", filter.provider.map(SQLValue.text))
        sql.filter("call_type", "=", filter.callType.map(SQLValue.text))
        sql.filter("status", "=", filter.status.map { .text($0.rawValue) })
        return sql
    }

    /// `SELECT label, expressions..., aggregates FROM calls c` with the filter's conditions
    /// (WHERE not appended yet).
    private func rawQuery(_ filter: LedgerFilter, bucket: TimeBucket?, selecting expressions: [String],
                          _ aggregates: String) -> SQLBuilder {
        let label = bucket.map { dialect.timeBucketLabel($0, key: dialect.timeBucketKey($0, of: "c.created_at")) } ?? "NULL"
        var sql = SQLBuilder(dialect, "SELECT " + ([label] + expressions + [aggregates]).joined(separator: ", ") + " FROM ")
        sql.append(sql.table(Call.table, "c"))
        filter.apply(toCalls: &sql)
        return sql
    }
}
