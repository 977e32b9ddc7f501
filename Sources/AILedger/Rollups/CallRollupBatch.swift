/// The sums a set of calls adds to the hourly call rollups, written in the transaction that
/// stores the calls.
package struct CallRollupBatch: Sendable {
    package static let table = "ailedger_call_rollups"
    /// A stored histogram is read and rewritten in its compact form once its text, to which
    /// each batch appends its own, grows past this many bytes.
    static let compactionThreshold = 8_192

    package private(set) var sums: [CallRollupKey: CallRollup] = [:]

    package init() {}

    /// The sums of `calls`, each with its stored cost in nano-dollars (nil: unpriced).
    init(_ calls: some Sequence<(Call, Int64?)>) {
        for (call, cost) in calls { add(call, costNanoUSD: cost) }
    }

    var isEmpty: Bool { sums.isEmpty }

    /// Counts one stored call.
    mutating func add(_ call: Call, costNanoUSD cost: Int64?) {
        sums[CallRollupKey(call), default: CallRollup()].add(call, costNanoUSD: cost)
    }

    /// Adds `sum` to the row of `key`.
    package mutating func add(_ sum: CallRollup, to key: CallRollupKey) {
        sums[key, default: CallRollup()].merge(sum)
    }

    static let columns = ["hour", "key_hash", "model", "provider", "call_type", "status", "calls", "input_tokens",
                          "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens", "cost_nano_usd",
                          "unpriced", "timed", "latency_sum_ms", "latency_histogram"]

    /// Adds the sums to their rows on `connection`, inside its open transaction: one upsert
    /// (in primary-key order, so concurrent writers lock rows in the same order), then the
    /// compaction of any histogram grown long.
    func write(on connection: any DatabaseConnection) async throws {
        guard !sums.isEmpty else { return }
        let dialect = connection.dialect
        let keys = sums.keys.sorted()
        let perStatement = max(1, min(500, dialect.maxParameters / Self.columns.count))
        for start in stride(from: 0, to: keys.count, by: perStatement) {
            let chunk = keys[start..<min(keys.count, start + perStatement)]
            var values: [SQLValue] = []
            values.reserveCapacity(chunk.count * Self.columns.count)
            for key in chunk { values += Self.rowValues(key, sums[key]!) }
            try await connection.execute(Self.upsert(dialect, rows: chunk.count), values)
        }
        try await compact(keys.filter { !sums[$0]!.histogram.isEmpty }, on: connection)
    }

    private static func rowValues(_ key: CallRollupKey, _ sum: CallRollup) -> [SQLValue] {
        [.timestamp(key.hour), .text(key.hash), .text(key.model), .optional(key.provider, SQLValue.text),
         .optional(key.callType, SQLValue.text), .text(key.status), .integer(sum.calls),
         .optional(sum.inputTokens, SQLValue.integer), .optional(sum.outputTokens, SQLValue.integer),
         .optional(sum.cacheReadTokens, SQLValue.integer), .optional(sum.cacheWriteTokens, SQLValue.integer),
         .optional(sum.reasoningTokens, SQLValue.integer), .integer(sum.costNanoUSD), .integer(sum.unpriced),
         .integer(sum.timed), .double(sum.latencySumMs), .text(sum.histogram.text)]
    }

    /// The upsert of `rows` rows: counts and sums add up, token sums as SQL's SUM does
    /// (null plus a number is the number), histogram texts are appended.
    private static func upsert(_ dialect: any SQLDialect, rows: Int) -> String {
        let table = dialect.quoteIdentifier(Self.table)
        let stored = { (column: String) in "\(table).\(dialect.quoteIdentifier(column))" }
        let proposed = dialect.proposedValue
        var assignments: [String] = []
        for column in ["calls", "cost_nano_usd", "unpriced", "timed", "latency_sum_ms"] {
            assignments.append("\(dialect.quoteIdentifier(column)) = \(stored(column)) + \(proposed(column))")
        }
        for column in ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens"] {
            assignments.append("\(dialect.quoteIdentifier(column)) = COALESCE(\(stored(column)) + \(proposed(column)), \(stored(column)), \(proposed(column)))")
        }
        let histogram = stored("latency_histogram"), incoming = proposed("latency_histogram")
        assignments.append("\(dialect.quoteIdentifier("latency_histogram")) = CASE WHEN \(incoming) = '' THEN \(histogram) "
            + "WHEN \(histogram) = '' THEN \(incoming) ELSE \(dialect.concatenate(dialect.concatenate(histogram, "','"), incoming)) END")
        return dialect.insertStatement(table: Self.table, columns: columns, rowCount: rows, ignoringDuplicates: false)
            + " " + dialect.upsertClause(key: ["hour", "key_hash"]) + " " + assignments.joined(separator: ", ")
    }

    /// Rewrites the histograms of `keys` whose stored text has grown past the threshold.
    private func compact(_ keys: [CallRollupKey], on connection: any DatabaseConnection) async throws {
        guard !keys.isEmpty else { return }
        let dialect = connection.dialect
        let table = dialect.quoteIdentifier(Self.table)
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
