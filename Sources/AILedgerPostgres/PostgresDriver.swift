import AILedger

/// The PostgreSQL driver over libpq: `postgres://user:password@host:5432/database`
/// (also `postgresql://`).
///
/// Query parameters: `pool_size` (default 5), and libpq's own `sslmode`, `sslrootcert`,
/// `application_name`, `connect_timeout` (default 10 s), `host` (a unix-socket directory),
/// `options`, `target_session_attrs` and the others listed in `PostgresOptions`. Several
/// hosts (`postgres://u:p@db1:5432,db2:5432/db?target_session_attrs=read-write`) go to
/// libpq as its host list.
public struct PostgresDriver: DatabaseDriver {
    public init() {}
    public var name: String { "postgres" }
    public var urlSchemes: [String] { ["postgres", "postgresql"] }
    public var dialect: any SQLDialect { PostgresDialect() }
    public var bundledMigrations: [MigrationFile] { BundledMigrations.files }

    public func connect(to url: DatabaseURL) async throws -> any DatabaseClient {
        let options = try PostgresOptions(url: url)
        // Connect once now, so a wrong password or host fails at open time.
        let first = try await PostgresConnection.open(options)
        let pool = ConnectionPool(maxConnections: options.poolSize, initial: [first]) {
            try await PostgresConnection.open(options)
        }
        return PooledDatabaseClient(dialect: dialect, writer: pool)
    }
}
