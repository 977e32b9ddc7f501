import Foundation

extension Ledger {
    /// What the interactions matching `filter` asked of the application's own databases:
    /// volume, per database and intent, result counts, failures, and the `top` most
    /// frequent statements with their literals left out.
    public func sqlQueryReport(_ filter: LedgerFilter = LedgerFilter(), top: Int = 20) async throws -> SQLQueryReport {
        let failed = "COALESCE(SUM(CASE WHEN q.status = 'error' THEN 1 ELSE 0 END), 0)"
        let measures = "COUNT(*), \(failed), COALESCE(SUM(q.result_count), 0), COUNT(q.result_count), AVG(q.duration_ms)"
        func query(_ select: String, where condition: String? = nil, _ tail: String = "") -> SQLBuilder {
            var sql = SQLBuilder(dialect, "SELECT \(select) FROM ")
            sql.append(sql.table(StoredSQLQuery.table, "q") + " JOIN " + sql.table(Interaction.table, "i") + " ON i.id = q.interaction_id")
            // A statement's time is its interaction's: bounding it too lets the database
            // start from the statements in the window instead of every interaction in it.
            sql.alias = "q"
            sql.filter("created_at", ">=", filter.since.map { .timestamp(Timestamp.microseconds($0)) })
            sql.filter("created_at", "<", filter.until.map { .timestamp(Timestamp.microseconds($0)) })
            filter.apply(toInteractions: &sql)
            if let condition { sql.condition(condition) }
            sql.appendWhere()
            sql.append(tail)
            return sql
        }
        var totals = try await firstRow(query("\(measures), COUNT(DISTINCT q.interaction_id)"))
        var report = SQLQueryReport(queries: try totals.int64(), interactions: 0, failed: try totals.int64(), results: try totals.int64(),
                                    queriesWithResults: try totals.int64(), averageDurationMs: try totals.optionalDouble(),
                                    byDatabase: [], byIntent: [], topStatements: [], recentFailures: [])
        report.interactions = try totals.int64()
        func groups(_ column: String) async throws -> [SQLQueryGroup] {
            try await rows(query("\(column), \(measures)", " GROUP BY \(column)")).map { row in
                var r = RowReader(row)
                let key = try r.optionalString(), queries = try r.int64(), failed = try r.int64(), results = try r.int64()
                _ = try r.int64()
                return SQLQueryGroup(key: key, queries: queries, failed: failed, results: results, averageDurationMs: try r.optionalDouble())
            }.sorted { $0.queries != $1.queries ? $0.queries > $1.queries : Self.ordered([$0.key], [$1.key]) }
        }
        report.byDatabase = try await groups("q.database_name")
        report.byIntent = try await groups("i.interaction_type")
        var statements = query("q.fingerprint_key, MIN(q.fingerprint), \(measures), MAX(q.created_at)",
                               " GROUP BY q.fingerprint_key ORDER BY COUNT(*) DESC, q.fingerprint_key")
        statements.append(" LIMIT \(statements.bind(.integer(Int64(max(0, top)))))")
        report.topStatements = try await rows(statements).map { row in
            var r = RowReader(row)
            r.skip()
            let fingerprint = try r.string(), queries = try r.int64(), failed = try r.int64(), results = try r.int64()
            _ = try r.int64()
            return SQLStatementSummary(fingerprint: fingerprint, queries: queries, failed: failed, results: results,
                                       averageDurationMs: try r.optionalDouble(), lastRunAt: try r.date())
        }
        let columns = StoredSQLQuery.columns.map { "q." + dialect.quoteIdentifier($0) }.joined(separator: ", ")
        var failures = query(columns, where: "q.status = 'error'", " ORDER BY q.created_at DESC, q.interaction_id DESC, q.ordinal DESC")
        failures.append(" LIMIT \(failures.bind(.integer(Int64(max(0, top)))))")
        report.recentFailures = try await rows(failures).map { row in
            let stored = try StoredSQLQuery(row: row)
            return SQLQueryFailure(interactionID: stored.interactionID, at: stored.createdAt, query: stored.query)
        }
        return report
    }

    /// `interactions` with the statements each ran, read a thousand interactions at a time,
    /// through `access` (`.read` where the primary's latest writes must be seen).
    func withSQLQueries(_ interactions: [Interaction], access: DatabaseAccess = .replica) async throws -> [Interaction] {
        var byInteraction: [UUID: [SQLQuery]] = [:]
        let ids = Array(Set(interactions.map(\.id)))
        for start in stride(from: 0, to: ids.count, by: 1_000) {
            var sql = SQLBuilder(dialect, "SELECT ", alias: "q")
            sql.append(sql.columnList(StoredSQLQuery.columns) + " FROM " + sql.table(StoredSQLQuery.table, "q"))
            let chunk = ids[start..<min(ids.count, start + 1_000)]
            sql.condition("q.interaction_id IN (\(chunk.map { sql.bind(.uuid($0)) }.joined(separator: ", ")))")
            sql.appendWhere()
            sql.append(" ORDER BY q.interaction_id, q.ordinal")
            for row in try await rows(sql, access: access) {
                let stored = try StoredSQLQuery(row: row)
                byInteraction[stored.interactionID, default: []].append(stored.query)
            }
        }
        guard !byInteraction.isEmpty else { return interactions }
        return interactions.map { interaction in
            var interaction = interaction
            interaction.sqlQueries = byInteraction[interaction.id]
            return interaction
        }
    }
}
