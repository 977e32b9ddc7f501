import Foundation

extension Ledger {
    /// Recounts every rollup from the raw calls and interactions, a UTC day per transaction
    /// (and one for each run of days without records), from `since` (rounded down to its
    /// day) or, by default, from where an interrupted rebuild stopped or the earliest
    /// record; calls `progress` after each transaction.
    ///
    /// Needed once for calls stored before the rollups existed; until it has run, queries
    /// read the raw rows (see `aggregateSource`). Safe while calls are being recorded: each
    /// day is recounted under a lock that makes concurrent writers wait or add theirs after.
    @discardableResult
    public func rebuildRollups(since: Date? = nil,
                               progress: @Sendable (RollupRebuild) -> Void = { _ in }) async throws -> RollupRebuild {
        let state = dialect.quoteIdentifier(Self.rollupStateTable)
        // Calls and interactions both count: an interaction may have no call.
        var earliest: Date?, latest: Date?
        for table in [Call.table, Interaction.table] {
            var bounds = try await firstRow(SQLBuilder(dialect, "SELECT MIN(created_at), MAX(created_at) FROM \(dialect.quoteIdentifier(table))"), access: .read)
            if let low = try bounds.optionalDate() { earliest = min(earliest ?? low, low) }
            if let high = try bounds.optionalDate() { latest = max(latest ?? high, high) }
        }
        var resume: Date?
        if since == nil {
            // Where every incomplete set of rollups has got to; nowhere if one has not started.
            var marks: [Date?] = []
            for row in try await rows(SQLBuilder(dialect, "SELECT rebuilt_until FROM \(state) WHERE complete = 0"), access: .read) {
                var reader = RowReader(row)
                marks.append(try reader.optionalDate())
            }
            resume = marks.contains { $0 == nil } ? nil : marks.compactMap { $0 }.min()
        }
        // Whole UTC days, which the daily user rollups need.
        let day: Int64 = 86_400_000_000
        let first = (since ?? resume ?? earliest).map { UserRollupKey.day(of: Timestamp.microseconds($0)) }
        let end = latest.map { UserRollupKey.day(of: Timestamp.microseconds($0)) + day }
        let coversAll = since == nil || earliest.map { UserRollupKey.day(of: Timestamp.microseconds($0)) >= first! } ?? true
        var report = RollupRebuild(from: Timestamp.date(microseconds: first ?? 0), until: Timestamp.date(microseconds: end ?? 0),
                                   through: Timestamp.date(microseconds: first ?? 0))
        if let first, let end {
            var start = first
            while start < end {
                // Days without records are cleared in one transaction, however many: a
                // stray record years away must not cost a transaction per day between.
                let next = try await firstRecordDay(atOrAfter: start)
                let stop = next.map { $0 > start ? min(end, $0) : min(end, start + day) } ?? end
                report.calls += try await recount(from: start, to: stop, markingProgress: coversAll)
                start = stop
                report.through = Timestamp.date(microseconds: start)
                progress(report)
            }
        }
        if coversAll {
            try await database.withConnection(.write) { connection in
                _ = try await connection.execute(
                    "UPDATE \(state) SET complete = 1, rebuilt_until = NULL, updated_at = \(dialect.placeholder(1))",
                    [.timestamp(Timestamp.microseconds(Date()))])
            }
            rollupState.withLock { $0 = nil }
            report.complete = true
        } else {
            report.complete = try await rollupsAreComplete()
        }
        progress(report)
        return report
    }

    /// The start of the UTC day of the first call or interaction at or after `micros`.
    private func firstRecordDay(atOrAfter micros: Int64) async throws -> Int64? {
        var first: Int64?
        for table in [Call.table, Interaction.table] {
            var sql = SQLBuilder(dialect, "SELECT MIN(created_at) FROM \(dialect.quoteIdentifier(table)) WHERE created_at >= ")
            sql.append(sql.bind(.timestamp(micros)))
            var reader = try await firstRow(sql, access: .read)
            if let date = try reader.optionalDate() {
                let day = UserRollupKey.day(of: Timestamp.microseconds(date))
                first = min(first ?? day, day)
            }
        }
        return first
    }

    /// Replaces the rollup rows of the whole days in `[from, to)` with sums of the raw rows,
    /// in one transaction; returns the calls counted.
    private func recount(from: Int64, to: Int64, markingProgress: Bool) async throws -> Int64 {
        let dialect = self.dialect
        let p = dialect.placeholder, window: [SQLValue] = [.timestamp(from), .timestamp(to)]
        return try await database.withConnection(.write) { connection in
            try await connection.transaction {
                let tables = RollupBatch.tables
                for (table, _) in tables {
                    if let lock = dialect.writeLockStatement(table: table) { try await connection.execute(lock, []) }
                }
                // Deleting first locks the hours: a writer's rollup change waits for this
                // transaction and then adds to what it counted.
                for (table, time) in tables {
                    try await connection.execute("DELETE FROM \(dialect.quoteIdentifier(table)) WHERE \(time) >= \(p(1)) AND \(time) < \(p(2))",
                                                 window)
                }
                var batch = RollupBatch()
                let interactions = try await connection.query(
                    "SELECT \(Interaction.columns.map(dialect.quoteIdentifier).joined(separator: ", ")) FROM "
                    + "\(dialect.quoteIdentifier(Interaction.table)) WHERE created_at >= \(p(1)) AND created_at < \(p(2))", window)
                for row in interactions { batch.add(try Interaction(row: row)) }
                let rows = try await connection.query(
                    "SELECT c.created_at, c.model, c.provider, c.call_type, c.status, c.user_id, c.input_tokens, c.output_tokens, "
                    + "c.cache_read_tokens, c.cache_write_tokens, c.reasoning_tokens, c.cost_nano_usd, c.latency_ms, "
                    + "i.interaction_type, i.status, i.prompt_id, i.prompt_version, "
                    + [CallDimension.persona, .device, .contact].map(\.expression).joined(separator: ", ")
                    + " FROM \(dialect.quoteIdentifier(Call.table)) c "
                    + "LEFT JOIN \(dialect.quoteIdentifier(Interaction.table)) i ON i.id = c.interaction_id "
                    + "LEFT JOIN \(dialect.quoteIdentifier(Conversation.table)) v ON v.id = c.conversation_id "
                    + "WHERE c.created_at >= \(p(1)) AND c.created_at < \(p(2))", window)
                for row in rows {
                    var reader = RowReader(row)
                    var call = Call.blank
                    call.createdAt = try reader.date()
                    call.model = try reader.string()
                    call.provider = try reader.optionalString()
                    call.callType = try reader.optionalString()
                    call.status = Status(rawValue: try reader.string()) ?? .success
                    call.userID = try reader.optionalString()
                    call.usage = TokenUsage(input: try reader.optionalInt64(), output: try reader.optionalInt64(),
                                            cacheRead: try reader.optionalInt64(), cacheWrite: try reader.optionalInt64(),
                                            reasoning: try reader.optionalInt64())
                    let cost = try reader.optionalInt64()
                    call.latencyMs = try reader.optionalDouble()
                    let type = try reader.optionalString(), status = try reader.optionalString()
                    let prompt = try reader.optionalString(), version = try reader.optionalString()
                    // The interaction's own hour does not matter: the call counts in its hour.
                    let interaction = status.map { PromptRollupKey(hour: 0, interactionType: type, status: $0, promptID: prompt,
                                                                   promptVersion: version) }
                    let parties = PartyValues(persona: try reader.optionalString(), device: try reader.optionalString(),
                                              contact: try reader.optionalString())
                    batch.add(call, costNanoUSD: cost, interaction: interaction, parties: parties)
                }
                try await batch.write(on: connection)
                if markingProgress {
                    try await connection.execute(
                        "UPDATE \(dialect.quoteIdentifier(Self.rollupStateTable)) SET rebuilt_until = \(p(1)) WHERE complete = 0",
                        [.timestamp(to)])
                }
                return Int64(rows.count)
            }
        }
    }
}
