/// What a batch adds to each rollup table, as rows ready to write (`RollupBatch.writes`):
/// made while the batch before is being written, so that writing them is only statements.
package struct RollupWrites: Sendable {
    /// Whether some token or cost sum overflowed a 64-bit count: nothing may be written.
    var overflowed: Bool
    var calls: [[SQLValue]]
    var users: [[SQLValue]]
    var parties: [[SQLValue]]
    var variables: [[SQLValue]]
    var prompts: [[SQLValue]]
    var userDays: [[SQLValue]]
    var conversationDays: [[SQLValue]]
    /// The call and prompt rollup rows (hour, key hash) whose stored histogram this batch
    /// appends to: compacted once grown long.
    var callHistograms: [(hour: Int64, hash: String)]
    var promptHistograms: [(hour: Int64, hash: String)]

    /// Adds the rows to the rollups on `connection`, inside its open transaction: one upsert
    /// per table, then the compaction of any histogram grown long.
    func write(on connection: any DatabaseConnection) async throws {
        if overflowed {
            // Written in smaller batches (the buffered writer splits a refused batch), the
            // same calls fit.
            throw LedgerError(.invalidRecord, "call.usage: the batch's token or cost sums overflow a 64-bit count")
        }
        let tokens = RollupBatch.tokenColumns
        try await upsert(calls, into: RollupBatch.callTable, key: ["hour", "key_hash"],
                         columns: ["hour", "key_hash", "model", "provider", "call_type", "status", "calls"] + tokens
                            + ["cost_nano_usd", "unpriced", "timed", "latency_sum_ms", "latency_histogram"],
                         sums: ["calls", "cost_nano_usd", "unpriced", "timed", "latency_sum_ms"], on: connection)
        try await upsert(users, into: RollupBatch.userTable, key: ["day", "key_hash"],
                         columns: ["day", "key_hash", "user_id", "calls", "successes", "errors", "partials"] + tokens
                            + ["cost_nano_usd", "unpriced", "timed", "latency_sum_ms"],
                         sums: ["calls", "successes", "errors", "partials", "cost_nano_usd", "unpriced", "timed", "latency_sum_ms"],
                         on: connection)
        try await upsert(parties, into: RollupBatch.partyTable, key: ["day", "key_hash"],
                         columns: ["day", "key_hash", "dimension", "value", "calls", "successes", "errors", "partials"] + tokens
                            + ["cost_nano_usd", "unpriced", "timed", "latency_sum_ms"],
                         sums: ["calls", "successes", "errors", "partials", "cost_nano_usd", "unpriced", "timed", "latency_sum_ms"],
                         on: connection)
        try await upsert(variables, into: RollupBatch.variableTable, key: ["hour", "key_hash"],
                         columns: ["hour", "key_hash", "variable", "interaction_type", "status", "prompt_id", "prompt_version", "interactions"],
                         sums: ["interactions"], on: connection)
        try await upsert(prompts, into: RollupBatch.promptTable, key: ["hour", "key_hash"],
                         columns: ["hour", "key_hash", "interaction_type", "status", "prompt_id", "prompt_version"] + RollupBatch.promptSums
                            + ["latency_histogram"] + RollupBatch.promptCallSums.prefix(4) + tokens + RollupBatch.promptCallSums.suffix(4),
                         sums: RollupBatch.promptSums + RollupBatch.promptCallSums, on: connection)
        try await insertMissing(userDays, into: RollupBatch.userDayTable, columns: ["day", "key_hash", "user_id"], on: connection)
        try await insertMissing(conversationDays, into: RollupBatch.conversationDayTable, columns: ["day", "conversation_id"],
                                on: connection)
        try await compact(callHistograms, in: RollupBatch.callTable, on: connection)
        try await compact(promptHistograms, in: RollupBatch.promptTable, on: connection)
    }

    /// Inserts `rows`, or adds them to the stored rows with the same `key`: `sums` add up,
    /// token sums as SQL's SUM does (null plus a number is the number), histogram texts
    /// are appended.
    private func upsert(_ rows: [[SQLValue]], into table: String, key: [String], columns: [String], sums: [String],
                        on connection: any DatabaseConnection) async throws {
        guard !rows.isEmpty else { return }
        let dialect = connection.dialect
        let quoted = dialect.quoteIdentifier(table)
        let stored = { (column: String) in "\(quoted).\(dialect.quoteIdentifier(column))" }
        let proposed = dialect.proposedValue
        var assignments = sums.map { "\(dialect.quoteIdentifier($0)) = \(stored($0)) + \(proposed($0))" }
        for column in RollupBatch.tokenColumns where columns.contains(column) {
            assignments.append("\(dialect.quoteIdentifier(column)) = COALESCE(\(stored(column)) + \(proposed(column)), \(stored(column)), \(proposed(column)))")
        }
        if columns.contains("latency_histogram") {
            let histogram = stored("latency_histogram"), incoming = proposed("latency_histogram")
            assignments.append("\(dialect.quoteIdentifier("latency_histogram")) = CASE WHEN \(incoming) = '' THEN \(histogram) "
                + "WHEN \(histogram) = '' THEN \(incoming) ELSE \(dialect.concatenate(dialect.concatenate(histogram, "','"), incoming)) END")
        }
        let clause = " " + dialect.upsertClause(key: key) + " " + assignments.joined(separator: ", ")
        if let arrays = connection as? any ColumnArrayInserting {
            return try await arrays.insertColumnArrays(into: table, columns: columns, rows: rows, clause: clause)
        }
        if dialect.prefersSingleRowStatements {
            let sql = dialect.insertStatement(table: table, columns: columns, rowCount: 1, ignoringDuplicates: false) + clause
            return try await connection.executeEach(sql, rows)
        }
        let perStatement = max(1, min(500, dialect.maxParameters / columns.count))
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            let sql = dialect.insertStatement(table: table, columns: columns, rowCount: chunk.count, ignoringDuplicates: false) + clause
            try await connection.execute(sql, chunk.flatMap { $0 })
        }
    }

    /// Inserts the rows of `table` not stored yet.
    private func insertMissing(_ rows: [[SQLValue]], into table: String, columns: [String],
                               on connection: any DatabaseConnection) async throws {
        guard !rows.isEmpty else { return }
        let dialect = connection.dialect
        if let arrays = connection as? any ColumnArrayInserting {
            let clause = dialect.ignoreDuplicatesClause(primaryKey: columns.first ?? "id")
            return try await arrays.insertColumnArrays(into: table, columns: columns, rows: rows, clause: clause)
        }
        if dialect.prefersSingleRowStatements {
            let sql = dialect.insertStatement(table: table, columns: columns, rowCount: 1, ignoringDuplicates: true)
            return try await connection.executeEach(sql, rows)
        }
        try await connection.insertWithStatements(into: table, columns: columns, rows: rows, ignoringDuplicates: true)
    }

    /// Rewrites the histograms of the rows of `table` (by hour and key hash) whose stored
    /// text has grown past the threshold.
    private func compact(_ keys: [(hour: Int64, hash: String)], in table: String, on connection: any DatabaseConnection) async throws {
        guard !keys.isEmpty else { return }
        let dialect = connection.dialect
        let table = dialect.quoteIdentifier(table)
        for start in stride(from: 0, to: keys.count, by: 200) {
            let chunk = keys[start..<min(keys.count, start + 200)]
            var sql = SQLBuilder(dialect, "SELECT hour, key_hash, latency_histogram FROM \(table) WHERE LENGTH(latency_histogram) > ")
            sql.append(sql.bind(.integer(Int64(RollupBatch.compactionThreshold))) + " AND (")
            sql.append(chunk.map { key in
                "(hour = \(sql.bind(.timestamp(key.hour))) AND key_hash = \(sql.bind(.text(key.hash))))"
            }.joined(separator: " OR ") + ")")
            for row in try await connection.query(sql.sql, sql.parameters) {
                var reader = RowReader(row)
                let hour = try reader.microseconds(), hash = try reader.string()
                let compacted = try LatencyHistogram(text: try reader.string()).text
                try await connection.execute(
                    "UPDATE \(table) SET latency_histogram = \(dialect.placeholder(1)) WHERE hour = \(dialect.placeholder(2)) AND key_hash = \(dialect.placeholder(3))",
                    [.text(compacted), .timestamp(hour), .text(hash)])
            }
        }
    }
}
