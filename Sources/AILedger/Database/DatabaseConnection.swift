/// One open connection to a database, used by one task at a time.
///
/// Implementations run every C call on a thread they own (see `SerializedConnection`), never
/// on Swift's cooperative pool.
public protocol DatabaseConnection: AnyObject, Sendable {
    /// The connection's dialect.
    var dialect: any SQLDialect { get }
    /// Whether the connection is unusable and must be discarded by its pool.
    var isBroken: Bool { get }
    /// Runs one statement with bound parameters; returns the number of rows changed.
    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) async throws -> Int
    /// Runs one statement once per set of parameters, in order; stops at the first error.
    /// Default: `execute` per set.
    func executeEach(_ sql: String, _ parameterSets: [[SQLValue]]) async throws
    /// Runs one query with bound parameters and returns its rows.
    func query(_ sql: String, _ parameters: [SQLValue]) async throws -> [SQLRow]
    /// Runs a script of several statements with no parameters (migrations).
    func executeScript(_ sql: String) async throws
    /// Inserts many rows into `table` through the driver's fastest path, inside the
    /// caller's transaction if one is open. Returns the rows the database reports as
    /// affected (on MySQL, skipped duplicates are counted too).
    /// Default: multi-row INSERT statements sized under `dialect.maxParameters`.
    @discardableResult
    func insert(into table: String, columns: [String], rows: [[SQLValue]], ignoringDuplicates: Bool) async throws -> Int
    /// Holds the database-wide migration lock while `body` runs.
    /// Default: no extra lock (each migration's own transaction serialises the runners).
    func withMigrationLock<T: Sendable>(_ body: () async throws -> T) async throws -> T
    /// Closes the connection. Further use throws `LedgerError.Kind.closed`.
    func close() async
}

extension DatabaseConnection {
    /// Runs `connect` on a connection being opened and returns the connection; if it
    /// throws, closes the connection (freeing its handle and thread) and rethrows.
    public func opened(by connect: () async throws -> Void) async throws -> Self {
        do {
            try await connect()
            return self
        } catch {
            await close()
            throw error
        }
    }

    @discardableResult
    public func insert(into table: String, columns: [String], rows: [[SQLValue]], ignoringDuplicates: Bool) async throws -> Int {
        try await insertWithStatements(into: table, columns: columns, rows: rows, ignoringDuplicates: ignoringDuplicates)
    }

    /// Inserts `rows` with multi-row INSERT statements sized under `dialect.maxParameters`:
    /// the default `insert`, and the fallback of drivers with a faster path.
    @discardableResult
    package func insertWithStatements(into table: String, columns: [String], rows: [[SQLValue]],
                                     ignoringDuplicates: Bool) async throws -> Int {
        guard !rows.isEmpty, !columns.isEmpty else { return 0 }
        let perStatement = max(1, min(1_000, dialect.maxParameters / columns.count))
        var inserted = 0
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            let sql = dialect.insertStatement(table: table, columns: columns, rowCount: chunk.count,
                                              ignoringDuplicates: ignoringDuplicates)
            inserted += try await execute(sql, chunk.flatMap { $0 })
            start += chunk.count
        }
        return inserted
    }

    public func withMigrationLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await body()
    }

    public func executeEach(_ sql: String, _ parameterSets: [[SQLValue]]) async throws {
        for parameters in parameterSets { try await execute(sql, parameters) }
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    public func transaction<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await execute(dialect.beginTransaction, [])
        do {
            let result = try await body()
            try await execute("COMMIT", [])
            return result
        } catch {
            if !isBroken { _ = try? await execute("ROLLBACK", []) }
            throw error
        }
    }
}
