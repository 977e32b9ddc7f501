import AILedger

/// The SQLite driver: `sqlite:///absolute/path.db`, `sqlite://relative/path.db` or
/// `sqlite::memory:`.
///
/// Query parameters: `pool_size` (reader connections, default 4), `busy_timeout`
/// (milliseconds to wait for a lock, default 5000), `synchronous` (`full`, the default,
/// or `normal`: faster, and in WAL mode a power loss may drop the last commits),
/// `cache_mib` (the writing connection's page cache in MiB, default 64), `wal_mib` (the
/// WAL size in MiB past which the writer checkpoints on its own thread instead of leaving
/// it to a background connection, and to which the WAL file is cut back; default 256).
public struct SQLiteDriver: DatabaseDriver {
    public init() {}
    public var name: String { "sqlite" }
    public var urlSchemes: [String] { ["sqlite"] }
    public var dialect: any SQLDialect { SQLiteDialect() }
    public var bundledMigrations: [MigrationFile] { BundledMigrations.files }

    public func connect(to url: DatabaseURL) async throws -> any DatabaseClient {
        let options = try SQLiteOptions(url: url)
        let writer = try await SQLiteConnection.open(options, role: .writer)
        let writerPool = ConnectionPool(maxConnections: 1, initial: [writer]) {
            try await SQLiteConnection.open(options, role: .writer)
        }
        guard !options.isMemory else {
            return PooledDatabaseClient(dialect: dialect, writer: writerPool)
        }
        let readerPool = ConnectionPool(maxConnections: options.readers) {
            try await SQLiteConnection.open(options, role: .reader)
        }
        return PooledDatabaseClient(dialect: dialect, writer: writerPool, reader: readerPool)
    }
}
