import AILedger
import CMariaDB

/// The MySQL / MariaDB driver over MariaDB Connector/C:
/// `mysql://user:password@host:3306/database` (also `mariadb://`).
///
/// Several hosts (`mysql://u:p@n1:3306,n2:3306,n3:3306/db`) are tried in order, each new
/// connection taking the first that answers and, on Galera, is synced.
///
/// Query parameters: `pool_size` (default 5), `connect_timeout` (seconds, default 10),
/// `socket` (a unix socket path; a percent-encoded path as the host works too),
/// `ssl_mode` (`disabled`, `preferred`, `required`, `verify_identity`), `ssl_ca`.
public struct MySQLDriver: DatabaseDriver {
    public init() {}
    public var name: String { "mysql" }
    public var urlSchemes: [String] { ["mysql", "mariadb"] }
    public var dialect: any SQLDialect { MySQLDialect() }
    public var bundledMigrations: [MigrationFile] { BundledMigrations.files }
    /// `whatsapp` (seed 002's `ai_conversations`) and `chatbot` (seed 004's three tables):
    /// views over the ledger under those systems' table and column names.
    public var compatibilityMigrations: [String: [MigrationFile]] { BundledMigrations.compatibility }

    public func connect(to url: DatabaseURL) async throws -> any DatabaseClient {
        let options = try MySQLOptions(url: url)
        try MySQLLibrary.initialize()
        // Connect once now, so a wrong password or host fails at open time.
        let first = try await MySQLConnection.open(options)
        let pool = ConnectionPool(maxConnections: options.poolSize, initial: [first]) {
            try await MySQLConnection.open(options)
        }
        return PooledDatabaseClient(dialect: dialect, writer: pool)
    }
}
