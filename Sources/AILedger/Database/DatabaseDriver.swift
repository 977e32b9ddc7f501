/// A database driver: the URL schemes it answers, its dialect and migrations, and how
/// to open a connection pool.
public protocol DatabaseDriver: Sendable {
    /// The driver's name, for messages (`sqlite`).
    var name: String { get }
    /// The URL schemes this driver opens (`["postgres", "postgresql"]`).
    var urlSchemes: [String] { get }
    /// The SQL dialect of the database.
    var dialect: any SQLDialect { get }
    /// The schema migrations shipped for this database, in any order.
    var bundledMigrations: [MigrationFile] { get }
    /// Opt-in sets of migrations by name, such as views that present the ledger under
    /// another system's table names. Default: none.
    var compatibilityMigrations: [String: [MigrationFile]] { get }
    /// Opens a connection pool to the database at `url`.
    func connect(to url: DatabaseURL) async throws -> any DatabaseClient
}

extension DatabaseDriver {
    public var compatibilityMigrations: [String: [MigrationFile]] { [:] }
}
