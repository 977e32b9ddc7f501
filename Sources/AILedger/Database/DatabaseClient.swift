/// A pool of connections to one database, as a driver opens it.
public protocol DatabaseClient: Sendable {
    /// The dialect of the database behind the pool.
    var dialect: any SQLDialect { get }
    /// Borrows a connection for `access` while `body` runs, then returns it to the pool.
    func withConnection<T: Sendable>(
        _ access: DatabaseAccess, _ body: @Sendable (any DatabaseConnection) async throws -> T
    ) async throws -> T
    /// Closes every connection; later calls throw `LedgerError.Kind.closed`.
    func close() async
}
