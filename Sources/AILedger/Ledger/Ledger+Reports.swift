import Foundation

extension Ledger {
    /// Failed calls matching `filter`, newest first, each with the interaction it served.
    public func failures(_ filter: LedgerFilter = LedgerFilter(), limit: Int = 50,
                         after cursor: PageCursor? = nil) async throws -> [Failure] {
        var failed = filter
        failed.status = .error
        let calls = try await calls(failed, limit: limit, after: cursor)
        let ids = Array(Set(calls.compactMap(\.interactionID)))
        var interactions: [UUID: Interaction] = [:]
        if !ids.isEmpty {
            var sql = SQLBuilder(dialect, "SELECT ", alias: "i")
            sql.append(sql.columnList(Interaction.columns) + " FROM " + sql.table(Interaction.table, "i"))
            sql.condition("i.id IN (\(ids.map { sql.bind(.uuid($0)) }.joined(separator: ", ")))")
            sql.appendWhere()
            for interaction in try await withSQLQueries(rows(sql).map(Interaction.init(row:))).map(opened) {
                interactions[interaction.id] = interaction
            }
        }
        return calls.map { Failure(call: $0, interaction: $0.interactionID.flatMap { interactions[$0] }) }
    }

    /// How many interactions match `filter`, by outcome, and from how many conversations
    /// and users.
    public func interactionCounts(_ filter: LedgerFilter = LedgerFilter()) async throws -> InteractionCounts {
        let outcome = { (value: Status) in "COALESCE(SUM(CASE WHEN i.status = '\(value.rawValue)' THEN 1 ELSE 0 END), 0)" }
        var sql = SQLBuilder(dialect, "SELECT COUNT(*), \(outcome(.success)), \(outcome(.error)), \(outcome(.partial)), ")
        sql.append("COUNT(DISTINCT i.conversation_id), COUNT(DISTINCT i.user_id) FROM " + sql.table(Interaction.table, "i"))
        filter.apply(toInteractions: &sql)
        sql.appendWhere()
        var r = try await firstRow(sql)
        return InteractionCounts(interactions: try r.int64(), successes: try r.int64(), errors: try r.int64(), partials: try r.int64(),
                                 conversations: try r.int64(), users: try r.int64())
    }

    /// Outcomes, processing-time percentiles (nearest rank), feedback, quality and the
    /// breakdown by type of the interactions matching `filter`.
    public func interactionOverview(_ filter: LedgerFilter = LedgerFilter()) async throws -> InteractionOverview {
        if let window = try await promptRollupWindow(for: filter, interactionStatus: true) {
            return try await rolledUpInteractionOverview(filter, window)
        }
        let counted = { (column: String, value: String) in "COALESCE(SUM(CASE WHEN \(column) = '\(value)' THEN 1 ELSE 0 END), 0)" }
        var sql = SQLBuilder(dialect, "SELECT COUNT(*), \(counted("i.status", Status.success.rawValue)), ")
        sql.append("\(counted("i.status", Status.error.rawValue)), \(counted("i.status", Status.partial.rawValue)), ")
        sql.append("COUNT(DISTINCT i.conversation_id), COUNT(DISTINCT i.user_id), AVG(i.latency_ms), COUNT(i.latency_ms), ")
        sql.append("\(counted("i.feedback", FeedbackRating.accepted.rawValue)), \(counted("i.feedback", FeedbackRating.rejected.rawValue)), ")
        let missing = dialect.jsonArrayElements(of: "i.missing_variables", alias: "m")
        sql.append("\(counted("i.feedback", FeedbackRating.modified.rawValue)), AVG(i.quality_score), ")
        sql.append("COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM \(missing.from)) THEN 1 ELSE 0 END), 0) FROM " + sql.table(Interaction.table, "i"))
        filter.apply(toInteractions: &sql)
        sql.appendWhere()
        var r = try await firstRow(sql)
        let counts = InteractionCounts(interactions: try r.int64(), successes: try r.int64(), errors: try r.int64(),
                                       partials: try r.int64(), conversations: try r.int64(), users: try r.int64())
        let average = try r.optionalDouble(), timed = try r.int64()
        var overview = InteractionOverview(counts: counts, averageLatencyMs: average, accepted: try r.int64(), rejected: try r.int64(),
                                           modified: try r.int64(), averageQualityScore: try r.optionalDouble(),
                                           withMissingVariables: try r.int64(), byType: [])
        guard counts.interactions > 0 else { return overview }
        var types = SQLBuilder(dialect, "SELECT i.interaction_type, COUNT(*), \(counted("i.status", Status.error.rawValue)) FROM ")
        types.append(types.table(Interaction.table, "i"))
        filter.apply(toInteractions: &types)
        types.appendWhere()
        types.append(" GROUP BY i.interaction_type")
        overview.byType = try await rows(types).map { row in
            var reader = RowReader(row)
            return InteractionTypeCount(interactionType: try reader.optionalString(), interactions: try reader.int64(), errors: try reader.int64())
        }.sorted { a, b in
            a.interactions != b.interactions ? a.interactions > b.interactions : Self.ordered([a.interactionType], [b.interactionType])
        }
        guard timed > 0 else { return overview }
        (overview.latencyP50, overview.latencyP95, overview.latencyP99) = try await latencyPercentiles(
            of: timed, in: Interaction.table, alias: "i", where: { filter.apply(toInteractions: &$0) })
        return overview
    }

    /// Which input variables the interactions matching `filter` reported missing, how
    /// often and in which interaction types.
    public func dataQuality(_ filter: LedgerFilter = LedgerFilter()) async throws -> DataQualityReport {
        if let window = try await promptRollupWindow(for: filter, interactionStatus: true),
           try await rollupsAreComplete("parties") {
            return try await rolledUpDataQuality(filter, window)
        }
        func count(_ filter: LedgerFilter) async throws -> Int64 {
            var sql = SQLBuilder(dialect, "SELECT COUNT(*) FROM ")
            sql.append(sql.table(Interaction.table, "i"))
            filter.apply(toInteractions: &sql)
            sql.appendWhere()
            var reader = try await firstRow(sql)
            return try reader.int64()
        }
        var incomplete = filter
        incomplete.hasMissingVariables = true
        let withMissing = filter.hasMissingVariables == false ? 0 : try await count(incomplete)
        return DataQualityReport(interactions: try await count(filter), withMissingVariables: withMissing,
                                 missingVariables: Self.mostMissedFirst(try await missingVariableCounts(filter)))
    }

    /// How many interactions matching `filter` listed each missing variable, per variable and
    /// interaction type, counted over the raw rows.
    func missingVariableCounts(_ filter: LedgerFilter) async throws -> [MissingVariableCount] {
        let elements = dialect.jsonArrayElements(of: "i.missing_variables", alias: "m")
        var sql = SQLBuilder(dialect, "SELECT \(elements.element), i.interaction_type, COUNT(*) FROM ")
        sql.append(sql.table(Interaction.table, "i") + ", " + elements.from)
        filter.apply(toInteractions: &sql)
        sql.appendWhere()
        sql.append(" GROUP BY \(elements.element), i.interaction_type")
        return try await rows(sql).map { row in
            var reader = RowReader(row)
            return MissingVariableCount(variable: try reader.string(), interactionType: try reader.optionalString(),
                                        count: try reader.int64())
        }
    }

    /// `counts` most often missed first, then by variable and interaction type.
    static func mostMissedFirst(_ counts: [MissingVariableCount]) -> [MissingVariableCount] {
        counts.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            return Self.ordered([a.variable, a.interactionType], [b.variable, b.interactionType])
        }
    }

    /// Feedback on the interactions matching `filter`, per prompt and version, in order of
    /// prompt and version.
    public func feedbackSummary(_ filter: LedgerFilter = LedgerFilter()) async throws -> [FeedbackSummary] {
        if let window = try await promptRollupWindow(for: filter, interactionStatus: true) {
            return try await rolledUpInteractions(filter, window, groupBy: ["prompt_id", "prompt_version"], histograms: false)
                .map { key, sum in
                    var summary = FeedbackSummary(promptID: key[0], promptVersion: key[1], interactions: sum.interactions,
                                                  accepted: sum.accepted, rejected: sum.rejected, modified: sum.modified)
                    summary.averageQualityScore = sum.scored == 0 ? nil : Double(sum.scoreSum) / Double(sum.scored)
                    summary.averageEditDistance = sum.edited == 0 ? nil : Double(sum.editSum) / Double(sum.edited)
                    return summary
                }
                .sorted { Self.ordered([$0.promptID, $0.promptVersion], [$1.promptID, $1.promptVersion]) }
        }
        let rating = { (value: FeedbackRating) in "COALESCE(SUM(CASE WHEN i.feedback = '\(value.rawValue)' THEN 1 ELSE 0 END), 0)" }
        var sql = SQLBuilder(dialect, "SELECT i.prompt_id, i.prompt_version, COUNT(*), \(rating(.accepted)), \(rating(.rejected)), ")
        sql.append("\(rating(.modified)), COUNT(i.quality_score), COALESCE(SUM(i.quality_score), 0), ")
        sql.append("COUNT(i.edit_distance), COALESCE(SUM(i.edit_distance), 0) FROM " + sql.table(Interaction.table, "i"))
        filter.apply(toInteractions: &sql)
        sql.appendWhere()
        sql.append(" GROUP BY i.prompt_id, i.prompt_version")
        return try await rows(sql).map { row in
            var r = RowReader(row)
            var summary = FeedbackSummary(promptID: try r.optionalString(), promptVersion: try r.optionalString(),
                                          interactions: try r.int64(), accepted: try r.int64(), rejected: try r.int64(),
                                          modified: try r.int64())
            let scored = try r.int64(), scoreSum = try r.int64(), edited = try r.int64(), editSum = try r.int64()
            summary.averageQualityScore = scored == 0 ? nil : Double(scoreSum) / Double(scored)
            summary.averageEditDistance = edited == 0 ? nil : Double(editSum) / Double(edited)
            return summary
        }.sorted { Self.ordered([$0.promptID, $0.promptVersion], [$1.promptID, $1.promptVersion]) }
    }

    /// Whether `a` sorts before `b`, field by field, text by code point and nil last: the
    /// same order on every database, whatever its collation.
    static func ordered(_ a: [String?], _ b: [String?]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            guard let x else { return false }
            guard let y else { return true }
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) { $0.value < $1.value }
        }
        return false
    }

    /// The conversation with `id` in full, or nil when there is none.
    public func transcript(ofConversation id: UUID) async throws -> ConversationTranscript? {
        guard let conversation = try await conversation(id: id) else { return nil }
        let filter = LedgerFilter(conversationID: id)
        let interactions = try await withSQLQueries(oldestFirst(Interaction.table, Interaction.columns, "i") {
            filter.apply(toInteractions: &$0)
        }.map(Interaction.init(row:))).map(opened)
        let calls = try await oldestFirst(Call.table, Call.columns, "c") { filter.apply(toCalls: &$0) }.map { opened(try Call(row: $0)) }
        let byInteraction = Dictionary(grouping: calls.filter { $0.interactionID != nil }, by: { $0.interactionID! })
        let turnIDs = Set(interactions.map(\.id))
        return ConversationTranscript(
            conversation: conversation,
            turns: interactions.map { ConversationTurn(interaction: $0, calls: byInteraction[$0.id] ?? []) },
            otherCalls: calls.filter { $0.interactionID.map { !turnIDs.contains($0) } ?? true },
            usage: try await usage(filter))
    }

    private func oldestFirst(_ table: String, _ columns: [String], _ alias: String,
                             _ apply: (inout SQLBuilder) -> Void) async throws -> [SQLRow] {
        var sql = SQLBuilder(dialect, "SELECT ", alias: alias)
        sql.append(sql.columnList(columns) + " FROM " + sql.table(table, alias))
        apply(&sql)
        sql.appendWhere()
        sql.append(" ORDER BY \(sql.column("created_at")), \(sql.column("id"))")
        return try await rows(sql)
    }
}
