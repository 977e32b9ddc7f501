import Foundation

extension Ledger {
    /// The split between the hourly prompt rollups and raw rows for interactions (with
    /// `interactionStatus`) or the calls of interactions matching `filter`; nil when the raw
    /// rows must answer. A status filter names the interaction's status, so calls (whose
    /// own status it names) are not covered by it.
    func promptRollupWindow(for filter: LedgerFilter, interactionStatus: Bool) async throws -> RollupWindow? {
        guard readsRollups, filter.isCoveredByPromptRollups(interactionStatus: interactionStatus),
              let window = RollupWindow(filter) else { return nil }
        return try await rollupsAreComplete("calls") ? window : nil
    }

    /// The interactions matching `filter` summed per value of the prompt rollup columns
    /// `groupBy` (with their latency histograms when asked): whole hours from the rollups,
    /// the edges from the raw rows.
    func rolledUpInteractions(_ filter: LedgerFilter, _ window: RollupWindow, groupBy columns: [String],
                              histograms: Bool) async throws -> [[String?]: PromptRollup] {
        var groups: [[String?]: PromptRollup] = [:]
        let selected = columns.map { "r.\($0)" }
        var sql = promptRollupQuery(filter, window, selecting: selected + [
            "SUM(r.interactions)", "SUM(r.timed)", "SUM(r.latency_sum_ms)", "SUM(r.with_missing_variables)", "SUM(r.accepted)",
            "SUM(r.rejected)", "SUM(r.modified)", "SUM(r.scored)", "SUM(r.score_sum)", "SUM(r.edited)", "SUM(r.edit_sum)",
        ], interactionStatus: true)
        sql.condition("r.interactions > 0")
        sql.appendWhere()
        if !columns.isEmpty { sql.append(" GROUP BY " + selected.joined(separator: ", ")) }
        for row in try await rows(sql) {
            var reader = RowReader(row)
            var key: [String?] = []
            for _ in columns { key.append(try reader.optionalString()) }
            var sum = PromptRollup()
            sum.interactions = try reader.optionalInt64() ?? 0
            sum.timed = try reader.optionalInt64() ?? 0
            sum.latencySumMs = try reader.optionalDouble() ?? 0
            sum.withMissingVariables = try reader.optionalInt64() ?? 0
            sum.accepted = try reader.optionalInt64() ?? 0
            sum.rejected = try reader.optionalInt64() ?? 0
            sum.modified = try reader.optionalInt64() ?? 0
            sum.scored = try reader.optionalInt64() ?? 0
            sum.scoreSum = try reader.optionalInt64() ?? 0
            sum.edited = try reader.optionalInt64() ?? 0
            sum.editSum = try reader.optionalInt64() ?? 0
            groups[key, default: PromptRollup()].merge(sum)
        }
        if histograms {
            var sql = promptRollupQuery(filter, window, selecting: selected + ["r.latency_histogram"], interactionStatus: true)
            sql.condition("r.timed > 0")
            sql.appendWhere()
            for row in try await rows(sql) {
                var reader = RowReader(row)
                var key: [String?] = []
                for _ in columns { key.append(try reader.optionalString()) }
                try groups[key, default: PromptRollup()].histogram.add(text: try reader.string())
            }
        }
        // The partial hours at the ends: few rows, summed here as the writer sums them.
        let names = ["interaction_type", "status", "prompt_id", "prompt_version"]
        for edge in window.edges {
            var sql = SQLBuilder(dialect, "SELECT i.created_at, i.interaction_type, i.status, i.prompt_id, i.prompt_version, "
                                 + "i.latency_ms, i.missing_variables, i.feedback, i.quality_score, i.edit_distance FROM ")
            sql.append(sql.table(Interaction.table, "i"))
            edge.apply(toInteractions: &sql)
            sql.appendWhere()
            for row in try await rows(sql) {
                var reader = RowReader(row)
                var interaction = Interaction.blank
                interaction.createdAt = try reader.date()
                interaction.interactionType = try reader.optionalString()
                interaction.status = Status(rawValue: try reader.string()) ?? .success
                interaction.promptID = try reader.optionalString()
                interaction.promptVersion = try reader.optionalString()
                interaction.latencyMs = try reader.optionalDouble()
                // Only whether any is missing counts here.
                if case .array(let missing)? = try reader.optionalJSON(), !missing.isEmpty { interaction.missingVariables = [""] }
                let rating = try reader.optionalEnum(FeedbackRating.self)
                let score = try reader.optionalInt(), distance = try reader.optionalInt()
                interaction.feedback = rating.map { Feedback(rating: $0, qualityScore: score, editDistance: distance) }
                let values = [interaction.interactionType, interaction.status.rawValue, interaction.promptID, interaction.promptVersion]
                let key = columns.map { values[names.firstIndex(of: $0)!] }
                var sum = PromptRollup()
                sum.add(interaction)
                if !histograms { sum.histogram = LatencyHistogram() }
                groups[key, default: PromptRollup()].merge(sum)
            }
        }
        return groups
    }

    /// The calls of the interactions matching `filter`, summed per value of the prompt
    /// rollup column `column` (nil: one group): whole hours from the rollups, the edges
    /// from the raw rows. Groups without a call are left out.
    func rolledUpPromptCalls(_ filter: LedgerFilter, _ window: RollupWindow, by column: String?) async throws -> [String?: UsageAccumulator] {
        var sums: [String?: UsageAccumulator] = [:]
        let group = column.map { "r.\($0)" } ?? "NULL"
        var sql = promptRollupQuery(filter, window, selecting: [group, """
            SUM(r.calls), SUM(r.call_successes), SUM(r.call_errors), SUM(r.call_partials), SUM(r.input_tokens), \
            SUM(r.output_tokens), SUM(r.cache_read_tokens), SUM(r.cache_write_tokens), SUM(r.reasoning_tokens), \
            SUM(r.cost_nano_usd), SUM(r.unpriced), SUM(r.call_latency_sum_ms), SUM(r.call_timed)
            """], interactionStatus: false)
        sql.condition("r.calls > 0")
        sql.appendWhere()
        if column != nil { sql.append(" GROUP BY \(group)") }
        var queries = [sql]
        for edge in window.edges {
            let value = column.map { "i.\($0)" } ?? "NULL"
            var sql = SQLBuilder(dialect, "SELECT \(value), \(Self.rawSumColumns) FROM ")
            sql.append(sql.table(Call.table, "c") + " LEFT JOIN " + sql.table(Interaction.table, "i") + " ON i.id = c.interaction_id")
            edge.apply(toCalls: &sql)
            sql.appendWhere()
            if column != nil { sql.append(" GROUP BY \(value)") }
            queries.append(sql)
        }
        for query in queries {
            for row in try await rows(query) {
                var reader = RowReader(row)
                let key = try reader.optionalString()
                let sum = try UsageAccumulator(reading: &reader)
                if sum.calls > 0 { sums[key, default: UsageAccumulator()].merge(sum) }
            }
        }
        return sums
    }

    /// `dataQuality` from the prompt and variable rollups for the window's whole hours, the
    /// raw rows for its edges.
    func rolledUpDataQuality(_ filter: LedgerFilter, _ window: RollupWindow) async throws -> DataQualityReport {
        let total = try await rolledUpInteractions(filter, window, groupBy: [], histograms: false).values
            .reduce(into: PromptRollup()) { $0.merge($1) }
        var counts: [[String?]: Int64] = [:]
        var sql = promptRollupQuery(filter, window, selecting: ["r.variable", "r.interaction_type", "SUM(r.interactions)"],
                                    interactionStatus: true, from: RollupBatch.variableTable)
        sql.appendWhere()
        sql.append(" GROUP BY r.variable, r.interaction_type")
        for row in try await rows(sql) {
            var reader = RowReader(row)
            counts[[try reader.string(), try reader.optionalString()], default: 0] += try reader.int64()
        }
        for edge in window.edges {
            for count in try await missingVariableCounts(edge) { counts[[count.variable, count.interactionType], default: 0] += count.count }
        }
        let variables = counts.map { MissingVariableCount(variable: $0.key[0] ?? "", interactionType: $0.key[1], count: $0.value) }
        return DataQualityReport(interactions: total.interactions, withMissingVariables: total.withMissingVariables,
                                 missingVariables: Self.mostMissedFirst(variables))
    }

    /// `SELECT columns FROM prompt rollups r` (or the variable rollups, which have the same
    /// keys) with the conditions that keep the window's whole hours and the filter's values
    /// (WHERE not appended yet).
    private func promptRollupQuery(_ filter: LedgerFilter, _ window: RollupWindow, selecting columns: [String],
                                   interactionStatus: Bool, from table: String = RollupBatch.promptTable) -> SQLBuilder {
        var sql = SQLBuilder(dialect, "SELECT " + columns.joined(separator: ", ") + " FROM ")
        sql.append(sql.table(table, "r"))
        sql.alias = "r"
        sql.filter("hour", ">=", window.fromHour.map(SQLValue.timestamp))
        sql.filter("hour", "<", window.toHour.map(SQLValue.timestamp))
        sql.filter("interaction_type", "=", filter.interactionType.map(SQLValue.text))
        sql.filter("prompt_id", "=", filter.promptID.map(SQLValue.text))
        sql.filter("prompt_version", "=", filter.promptVersion.map(SQLValue.text))
        if interactionStatus { sql.filter("status", "=", filter.status.map { .text($0.rawValue) }) }
        return sql
    }

    /// `interactionOverview` from the prompt rollups; the distinct conversations and users
    /// are counted over the raw rows.
    func rolledUpInteractionOverview(_ filter: LedgerFilter, _ window: RollupWindow) async throws -> InteractionOverview {
        let groups = try await rolledUpInteractions(filter, window, groupBy: ["interaction_type", "status"], histograms: true)
        var total = PromptRollup()
        var outcomes: [String: Int64] = [:]
        var types: [String?: InteractionTypeCount] = [:]
        for (key, sum) in groups {
            total.merge(sum)
            outcomes[key[1] ?? "", default: 0] += sum.interactions
            types[key[0], default: InteractionTypeCount(interactionType: key[0], interactions: 0, errors: 0)].interactions += sum.interactions
            if key[1] == Status.error.rawValue { types[key[0]]?.errors += sum.interactions }
        }
        let (conversations, users) = try await distinctConversationsAndUsers(filter)
        let counts = InteractionCounts(interactions: total.interactions, successes: outcomes[Status.success.rawValue] ?? 0,
                                       errors: outcomes[Status.error.rawValue] ?? 0, partials: outcomes[Status.partial.rawValue] ?? 0,
                                       conversations: conversations, users: users)
        return InteractionOverview(
            counts: counts, averageLatencyMs: total.timed == 0 ? nil : total.latencySumMs / Double(total.timed),
            latencyP50: total.histogram.percentile(50), latencyP95: total.histogram.percentile(95),
            latencyP99: total.histogram.percentile(99), accepted: total.accepted, rejected: total.rejected,
            modified: total.modified, averageQualityScore: total.scored == 0 ? nil : Double(total.scoreSum) / Double(total.scored),
            withMissingVariables: total.withMissingVariables,
            byType: types.values.filter { $0.interactions > 0 }.sorted { a, b in
                a.interactions != b.interactions ? a.interactions > b.interactions : Self.ordered([a.interactionType], [b.interactionType])
            })
    }

    /// How many distinct conversations and users the interactions matching `filter` came
    /// from: over a time range alone, from the days each had interactions (whole days) and
    /// the raw rows of the partial days at the ends; else over the raw rows.
    func distinctConversationsAndUsers(_ filter: LedgerFilter) async throws -> (Int64, Int64) {
        guard filter == LedgerFilter(since: filter.since, until: filter.until),
              let window = RollupWindow(filter, unit: 86_400_000_000) else {
            var sql = SQLBuilder(dialect, "SELECT COUNT(DISTINCT i.conversation_id), COUNT(DISTINCT i.user_id) FROM ")
            sql.append(sql.table(Interaction.table, "i"))
            filter.apply(toInteractions: &sql)
            sql.appendWhere()
            var reader = try await firstRow(sql)
            return (try reader.int64(), try reader.int64())
        }
        var counts: [Int64] = []
        for (table, column) in [(RollupBatch.conversationDayTable, "conversation_id"), (RollupBatch.userDayTable, "user_id")] {
            var sql = SQLBuilder(dialect, "SELECT COUNT(DISTINCT x.v) FROM (SELECT r.\(column) AS v FROM ")
            sql.append(sql.table(table, "r"))
            sql.alias = "r"
            sql.filter("day", ">=", window.fromHour.map(SQLValue.timestamp))
            sql.filter("day", "<", window.toHour.map(SQLValue.timestamp))
            sql.appendWhere()
            for edge in window.edges {
                sql.append(" UNION ALL SELECT i.\(column) FROM " + sql.table(Interaction.table, "i"))
                edge.apply(toInteractions: &sql)
                sql.appendWhere()
            }
            sql.append(") x")
            var reader = try await firstRow(sql)
            counts.append(try reader.int64())
        }
        return (counts[0], counts[1])
    }
}
