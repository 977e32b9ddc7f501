/// The sums a set of calls adds to the hourly call rollups and the daily user rollups,
/// written in the transaction that stores the calls (or changes their costs).
package struct RollupBatch: Sendable {
    package static let callTable = "ailedger_call_rollups"
    package static let userTable = "ailedger_user_rollups"
    /// A stored histogram is read and rewritten in its compact form once its text, to which
    /// each batch appends its own, grows past this many bytes.
    static let compactionThreshold = 8_192

    package private(set) var calls: [CallRollupKey: CallRollup] = [:]
    private(set) var users: [UserRollupKey: UsageAccumulator] = [:]

    package init() {}

    /// The sums of `calls`, each with its stored cost in nano-dollars (nil: unpriced).
    init(_ calls: some Sequence<(Call, Int64?)>) {
        for (call, cost) in calls { add(call, costNanoUSD: cost) }
    }

    /// Counts one stored call.
    mutating func add(_ call: Call, costNanoUSD cost: Int64?) {
        calls[CallRollupKey(call), default: CallRollup()].add(call, costNanoUSD: cost)
        users[UserRollupKey(call), default: UsageAccumulator()].add(call, costNanoUSD: cost)
    }

    /// Moves the cost sums of `call`'s rows by a change of its cost from `before` to `after`
    /// (nil: unpriced).
    mutating func reprice(_ call: Call, from before: Int64?, to after: Int64?) {
        let cost = (after ?? 0) - (before ?? 0), unpriced: Int64 = (after == nil ? 1 : 0) - (before == nil ? 1 : 0)
        guard cost != 0 || unpriced != 0 else { return }
        calls[CallRollupKey(call), default: CallRollup()].costNanoUSD += cost
        calls[CallRollupKey(call), default: CallRollup()].unpriced += unpriced
        users[UserRollupKey(call), default: UsageAccumulator()].costNanoUSD += cost
        users[UserRollupKey(call), default: UsageAccumulator()].unpriced += unpriced
    }

    static let tokenColumns = ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens"]

    /// Adds the sums to their rows on `connection`, inside its open transaction: one upsert
    /// per table (rows in primary-key order, so concurrent writers lock them in the same
    /// order), then the compaction of any histogram grown long.
    func write(on connection: any DatabaseConnection) async throws {
        let callKeys = calls.keys.sorted()
        try await upsert(callKeys.map { key in
            let sum = calls[key]!
            return [.timestamp(key.hour), .text(key.hash), .text(key.model), .optional(key.provider, SQLValue.text),
                    .optional(key.callType, SQLValue.text), .text(key.status), .integer(sum.calls)]
                + Self.tokens(sum.inputTokens, sum.outputTokens, sum.cacheReadTokens, sum.cacheWriteTokens, sum.reasoningTokens)
                + [.integer(sum.costNanoUSD), .integer(sum.unpriced), .integer(sum.timed), .double(sum.latencySumMs),
                   .text(sum.histogram.text)]
        }, into: Self.callTable, key: ["hour", "key_hash"],
           columns: ["hour", "key_hash", "model", "provider", "call_type", "status", "calls"] + Self.tokenColumns
            + ["cost_nano_usd", "unpriced", "timed", "latency_sum_ms", "latency_histogram"],
           sums: ["calls", "cost_nano_usd", "unpriced", "timed", "latency_sum_ms"], on: connection)
        try await upsert(users.keys.sorted().map { key in
            let sum = users[key]!
            return [.timestamp(key.day), .text(key.hash), .optional(key.userID, SQLValue.text), .integer(sum.calls),
                    .integer(sum.successes), .integer(sum.errors), .integer(sum.partials)]
                + Self.tokens(sum.tokens.input, sum.tokens.output, sum.tokens.cacheRead, sum.tokens.cacheWrite, sum.tokens.reasoning)
                + [.integer(sum.costNanoUSD), .integer(sum.unpriced), .integer(sum.timed), .double(sum.latencySumMs)]
        }, into: Self.userTable, key: ["day", "key_hash"],
           columns: ["day", "key_hash", "user_id", "calls", "successes", "errors", "partials"] + Self.tokenColumns
            + ["cost_nano_usd", "unpriced", "timed", "latency_sum_ms"],
           sums: ["calls", "successes", "errors", "partials", "cost_nano_usd", "unpriced", "timed", "latency_sum_ms"], on: connection)
        try await compact(callKeys.filter { !calls[$0]!.histogram.isEmpty }, on: connection)
    }

    private static func tokens(_ values: Int64?...) -> [SQLValue] {
        values.map { .optional($0, SQLValue.integer) }
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
        for column in Self.tokenColumns {
            assignments.append("\(dialect.quoteIdentifier(column)) = COALESCE(\(stored(column)) + \(proposed(column)), \(stored(column)), \(proposed(column)))")
        }
        if columns.contains("latency_histogram") {
            let histogram = stored("latency_histogram"), incoming = proposed("latency_histogram")
            assignments.append("\(dialect.quoteIdentifier("latency_histogram")) = CASE WHEN \(incoming) = '' THEN \(histogram) "
                + "WHEN \(histogram) = '' THEN \(incoming) ELSE \(dialect.concatenate(dialect.concatenate(histogram, "','"), incoming)) END")
        }
        let clause = " " + dialect.upsertClause(key: key) + " " + assignments.joined(separator: ", ")
        let perStatement = max(1, min(500, dialect.maxParameters / columns.count))
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            let sql = dialect.insertStatement(table: table, columns: columns, rowCount: chunk.count, ignoringDuplicates: false) + clause
            try await connection.execute(sql, chunk.flatMap { $0 })
        }
    }

    /// Rewrites the histograms of `keys` whose stored text has grown past the threshold.
    private func compact(_ keys: [CallRollupKey], on connection: any DatabaseConnection) async throws {
        guard !keys.isEmpty else { return }
        let dialect = connection.dialect
        let table = dialect.quoteIdentifier(Self.callTable)
        for start in stride(from: 0, to: keys.count, by: 200) {
            let chunk = keys[start..<min(keys.count, start + 200)]
            var sql = SQLBuilder(dialect, "SELECT hour, key_hash, latency_histogram FROM \(table) WHERE LENGTH(latency_histogram) > ")
            sql.append(sql.bind(.integer(Int64(Self.compactionThreshold))) + " AND (")
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
