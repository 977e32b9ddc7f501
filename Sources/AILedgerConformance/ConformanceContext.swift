import AILedger

/// What a running case gets: a migrated, empty ledger and a way to open more.
public struct ConformanceContext: Sendable {
    /// The ledger under test, migrated and empty.
    public let ledger: Ledger
    /// The URL it was opened with.
    public let url: String
    /// The suite, to open further ledgers on the same database.
    public let suite: ConformanceSuite

    static func make(suite: ConformanceSuite) async throws -> ConformanceContext {
        let url = try await suite.makeURL()
        let ledger = try await Ledger.open(url: url, drivers: suite.drivers)
        // Start from an empty schema even when the database is shared between cases.
        let applied = try await ledger.migrations.history().filter(\.success).count
        if applied > 0 { try await ledger.migrations.down(steps: applied) }
        try await ledger.migrate()
        try await suite.prepare?(ledger)
        return ConformanceContext(ledger: ledger, url: url, suite: suite)
    }

    /// Opens another ledger on the same database (a new one for SQLite's `:memory:`),
    /// buffered when `writer` options are given.
    public func reopen(writer: WriterOptions? = nil) async throws -> Ledger {
        try await Ledger.open(url: url, drivers: suite.drivers, writer: writer)
    }

    /// Empties the database: every migration reverted and applied again.
    func reset() async throws {
        let applied = try await ledger.migrations.history().filter(\.success).count
        if applied > 0 { try await ledger.migrations.down(steps: applied) }
        try await ledger.migrate()
        try await suite.prepare?(ledger)
    }

    /// Runs one statement on a writer connection.
    func execute(_ sql: String, _ parameters: [SQLValue] = []) async throws {
        try await ledger.database.withConnection(.write) { connection in
            _ = try await connection.execute(sql, parameters)
        }
    }

    /// Runs one query on a reader connection.
    func query(_ sql: String, _ parameters: [SQLValue] = []) async throws -> [SQLRow] {
        try await ledger.database.withConnection(.read) { connection in
            try await connection.query(sql, parameters)
        }
    }

    /// The number of rows in `table`.
    func count(_ table: String) async throws -> Int64 {
        let rows = try await query("SELECT COUNT(*) FROM \(table)")
        guard case .integer(let count)? = rows.first?.values.first else {
            if case .text(let text)? = rows.first?.values.first, let count = Int64(text) { return count }
            throw ConformanceFailure(message: "COUNT(*) returned no integer", location: #fileID)
        }
        return count
    }

    func placeholder(_ index: Int) -> String { ledger.database.dialect.placeholder(index) }

    func close() async { await ledger.close() }
}
