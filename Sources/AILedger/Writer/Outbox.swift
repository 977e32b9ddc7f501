import Foundation

/// The local, durable queue batches spill to while the database is unreachable: one table
/// in a database of its own (SQLite), one row per batch, replayed oldest first.
final class Outbox: Sendable {
    private let client: any DatabaseClient
    private var dialect: any SQLDialect { client.dialect }
    private static let table = "ailedger_outbox"
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
                    records INTEGER NOT NULL, spilled_at TEXT NOT NULL, batch TEXT NOT NULL)
                    """, [])
            }
            return Outbox(client: client, waiting: try await count(client))
        } catch {
            await client.close()
            throw error
        }
    }

    /// Saves `records` as one batch, durably, after any batch saved before.
    func spill(_ records: [PendingRecord]) async throws {
        let text = try Self.encode(records)
        let sql = "INSERT INTO \(Self.table) (records, spilled_at, batch) VALUES (\(dialect.placeholder(1)), \(dialect.placeholder(2)), \(dialect.placeholder(3)))"
        let now = Timestamp.iso8601(microseconds: Timestamp.microseconds(Date()))
        try await client.withConnection(.write) { connection in
            _ = try await connection.execute(sql, [.integer(Int64(records.count)), .text(now), .text(text)])
        }
    }

    /// The oldest batch and its sequence number, or nil when the outbox is empty.
    func oldest() async throws -> (seq: Int64, records: [PendingRecord])? {
        let rows = try await client.withConnection(.write) { connection in
            try await connection.query("SELECT seq, batch FROM \(Self.table) ORDER BY seq LIMIT 1", [])
        }
        guard let row = rows.first else { return nil }
        var reader = RowReader(row)
        let seq = try reader.int64()
        return (seq, try Self.decode(try reader.string()))
    }

    /// Removes the batch `seq` once it is committed to the database.
    func remove(_ seq: Int64) async throws {
        let sql = "DELETE FROM \(Self.table) WHERE seq = \(dialect.placeholder(1))"
        try await client.withConnection(.write) { connection in
            _ = try await connection.execute(sql, [.integer(seq)])
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
        } catch {
            throw LedgerError(.decodingFailed, "an outbox batch could not be read: \(error)")
        }
    }
}
