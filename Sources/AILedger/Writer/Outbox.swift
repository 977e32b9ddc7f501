import Foundation

/// The local, durable queue batches spill to while the database is unreachable: one table
/// in a database of its own (SQLite), one row per batch, replayed oldest first. A batch
/// that can no longer be read moves to a dead-letter table beside it.
final class Outbox: Sendable {
    /// One batch as stored: its place in the queue, how many replays put it back (a record
    /// whose parent was not written yet), and its records, or why they cannot be read.
    struct Entry: Sendable {
        let seq: Int64
        let count: Int64
        let attempts: Int64
        let records: Result<[PendingRecord], LedgerError>
    }

    private let client: any DatabaseClient
    private var dialect: any SQLDialect { client.dialect }
    private static let table = "ailedger_outbox"
    private static let deadTable = "ailedger_outbox_dead"
    /// The batches waiting when the outbox was opened, left by an earlier process.
    let waitingAtOpen: Int64

    private init(client: any DatabaseClient, waiting: Int64) {
        self.client = client
        self.waitingAtOpen = waiting
    }

    /// Opens (creating if needed) the outbox at `url` with one of `drivers`.
    static func open(url: String, drivers: [any DatabaseDriver]) async throws -> Outbox {
        let parsed = try DatabaseURL(url)
        let client = try await DatabaseDrivers.driver(for: parsed, among: drivers).connect(to: parsed)
        do {
            try await client.withConnection(.write) { connection in
                _ = try await connection.execute("""
                    CREATE TABLE IF NOT EXISTS \(Self.table) (seq INTEGER PRIMARY KEY AUTOINCREMENT, \
                    records INTEGER NOT NULL, spilled_at TEXT NOT NULL, batch TEXT NOT NULL, \
                    attempts INTEGER NOT NULL DEFAULT 0)
                    """, [])
                // Outboxes written before replays could put a batch back lack its count.
                let columns = try await connection.query("SELECT name FROM pragma_table_info('\(Self.table)')", [])
                if !columns.contains(where: { $0.values.first == .text("attempts") }) {
                    _ = try await connection.execute("ALTER TABLE \(Self.table) ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0", [])
                }
                _ = try await connection.execute("""
                    CREATE TABLE IF NOT EXISTS \(Self.deadTable) (seq INTEGER PRIMARY KEY, records INTEGER NOT NULL, \
                    spilled_at TEXT NOT NULL, failed_at TEXT NOT NULL, reason TEXT NOT NULL, batch TEXT NOT NULL)
                    """, [])
            }
            return Outbox(client: client, waiting: try await count(client))
        } catch {
            await client.close()
            throw error
        }
    }

    /// Saves `records` as one batch, durably, after any batch saved before; `attempts`
    /// counts the replays that already put these records back.
    func spill(_ records: [PendingRecord], attempts: Int64 = 0) async throws {
        let values = try Self.values(records, attempts: attempts)
        try await client.withConnection(.write) { connection in
            _ = try await connection.execute(insert, values)
        }
    }

    /// Adds a batch at the end of the queue.
    private var insert: String {
        let p = dialect.placeholder
        return "INSERT INTO \(Self.table) (records, spilled_at, batch, attempts) VALUES (\(p(1)), \(p(2)), \(p(3)), \(p(4)))"
    }

    /// The values `insert` takes for `records`.
    private static func values(_ records: [PendingRecord], attempts: Int64) throws -> [SQLValue] {
        [.integer(Int64(records.count)), .text(now), .text(try encode(records)), .integer(attempts)]
    }

    /// The oldest batch no later than `last`, or nil when there is none. A batch a replay
    /// put back is due only once it has waited since `deferredBefore`.
    func oldest(through last: Int64 = .max, deferredBefore: Date = .distantFuture) async throws -> Entry? {
        let p = dialect.placeholder
        let sql = """
            SELECT seq, records, attempts, batch FROM \(Self.table) \
            WHERE seq <= \(p(1)) AND (attempts = 0 OR spilled_at <= \(p(2))) ORDER BY seq LIMIT 1
            """
        let cutoff = Timestamp.iso8601(microseconds: Timestamp.microseconds(deferredBefore))
        let rows = try await client.withConnection(.write) { connection in
            try await connection.query(sql, [.integer(last), .text(cutoff)])
        }
        guard let row = rows.first else { return nil }
        var reader = RowReader(row)
        let seq = try reader.int64(), count = try reader.int64(), attempts = try reader.int64()
        let records: Result<[PendingRecord], LedgerError>
        do {
            records = .success(try Self.decode(try reader.string()))
        } catch {
            records = .failure(error as? LedgerError ?? LedgerError(.decodingFailed, "an outbox batch could not be read"))
        }
        return Entry(seq: seq, count: count, attempts: attempts, records: records)
    }

    /// Replaces the batch `seq` with `records` at the end of the queue, in one transaction.
    func requeue(_ seq: Int64, _ records: [PendingRecord], attempts: Int64) async throws {
        let values = try Self.values(records, attempts: attempts)
        let p = dialect.placeholder
        try await client.withConnection(.write) { [insert] connection in
            try await connection.transaction {
                _ = try await connection.execute(insert, values)
                _ = try await connection.execute("DELETE FROM \(Self.table) WHERE seq = \(p(1))", [.integer(seq)])
            }
        }
    }

    /// Replaces the records of batch `seq` in place, keeping its place in the queue.
    func rewrite(_ seq: Int64, _ records: [PendingRecord]) async throws {
        let text = try Self.encode(records)
        let p = dialect.placeholder
        try await client.withConnection(.write) { connection in
            _ = try await connection.execute("UPDATE \(Self.table) SET records = \(p(1)), batch = \(p(2)) WHERE seq = \(p(3))",
                                             [.integer(Int64(records.count)), .text(text), .integer(seq)])
        }
    }

    /// The newest batch's sequence number, or nil when the outbox is empty.
    func newest() async throws -> Int64? {
        let rows = try await client.withConnection(.write) { connection in
            try await connection.query("SELECT MAX(seq) FROM \(Self.table)", [])
        }
        guard let row = rows.first else { return nil }
        var reader = RowReader(row)
        return try reader.optionalInt64()
    }

    /// Removes the batch `seq` once it is committed to the database.
    func remove(_ seq: Int64) async throws {
        let sql = "DELETE FROM \(Self.table) WHERE seq = \(dialect.placeholder(1))"
        try await client.withConnection(.write) { connection in
            _ = try await connection.execute(sql, [.integer(seq)])
        }
    }

    /// Moves the batch `seq` to the dead-letter table, with `reason`, in one transaction.
    func bury(_ seq: Int64, reason: String) async throws {
        let p = dialect.placeholder
        try await client.withConnection(.write) { connection in
            try await connection.transaction {
                _ = try await connection.execute("""
                    INSERT INTO \(Self.deadTable) (seq, records, spilled_at, failed_at, reason, batch) \
                    SELECT seq, records, spilled_at, \(p(1)), \(p(2)), batch FROM \(Self.table) WHERE seq = \(p(3))
                    """, [.text(Self.now), .text(reason), .integer(seq)])
                _ = try await connection.execute("DELETE FROM \(Self.table) WHERE seq = \(p(1))", [.integer(seq)])
            }
        }
    }

    /// The number of batches waiting in the outbox behind `client`.
    private static func count(_ client: any DatabaseClient) async throws -> Int64 {
        let rows = try await client.withConnection(.write) { connection in
            try await connection.query("SELECT COUNT(*) FROM \(Self.table)", [])
        }
        guard let row = rows.first else { return 0 }
        var reader = RowReader(row)
        return try reader.int64()
    }

    func close() async { await client.close() }

    private static var now: String { Timestamp.iso8601(microseconds: Timestamp.microseconds(Date())) }

    /// JSON with times as whole microseconds, so a replayed record is the one recorded.
    static func encode(_ records: [PendingRecord]) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.microseconds(date))
        }
        return String(decoding: try encoder.encode(records), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> [PendingRecord] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Timestamp.date(microseconds: try decoder.singleValueContainer().decode(Int64.self))
        }
        do {
            return try decoder.decode([PendingRecord].self, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw LedgerError(.decodingFailed, "an outbox batch could not be read: \(Self.describe(error))")
        } catch {
            throw LedgerError(.decodingFailed, "an outbox batch could not be read: it is not JSON")
        }
    }

    /// Where decoding failed, by field path, without the value found there.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(key.stringValue) at '\(path(context))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "wrong type at '\(path(context))'"
        case .dataCorrupted(let context): return "malformed at '\(path(context))'"
        @unknown default: return "malformed"
        }
    }
}
