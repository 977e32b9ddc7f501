/// A `DatabaseClient` over a writer pool and an optional separate reader pool.
///
/// SQLite gives its single writer a pool of one and its readers their own pool, so reads
/// run beside a write; server databases use one pool for both.
public struct PooledDatabaseClient: DatabaseClient {
    public let dialect: any SQLDialect
    private let writer: ConnectionPool
    private let reader: ConnectionPool?

    /// Creates a client; without `reader`, reads borrow from `writer`.
    public init(dialect: any SQLDialect, writer: ConnectionPool, reader: ConnectionPool? = nil) {
        self.dialect = dialect
        self.writer = writer
        self.reader = reader
    }

    public func withConnection<T: Sendable>(
        _ access: DatabaseAccess, _ body: @Sendable (any DatabaseConnection) async throws -> T
    ) async throws -> T {
        let pool = access == .write ? writer : (reader ?? writer)
        return try await pool.withConnection(body)
    }

    public func close() async {
        await writer.close()
        await reader?.close()
    }
}
