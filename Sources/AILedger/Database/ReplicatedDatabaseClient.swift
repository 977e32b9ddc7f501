/// A primary database and a read replica: `replica` reads go to the replica, everything
/// else to the primary.
package struct ReplicatedDatabaseClient: DatabaseClient {
    package let primary: any DatabaseClient
    package let replica: any DatabaseClient

    package init(primary: any DatabaseClient, replica: any DatabaseClient) {
        self.primary = primary
        self.replica = replica
    }

    package var dialect: any SQLDialect { primary.dialect }

    package func withConnection<T: Sendable>(
        _ access: DatabaseAccess, _ body: @Sendable (any DatabaseConnection) async throws -> T
    ) async throws -> T {
        try await (access == .replica ? replica : primary).withConnection(access, body)
    }

    package func close() async {
        await primary.close()
        await replica.close()
    }
}
