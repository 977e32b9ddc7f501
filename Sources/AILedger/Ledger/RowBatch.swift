/// A record batch priced and turned into column values, ready to insert.
struct RowBatch: Sendable {
    var conversations: [[SQLValue]]
    var interactions: [[SQLValue]]
    /// The statements the interactions ran.
    var sqlQueries: [[SQLValue]]
    var calls: [[SQLValue]]

    /// The rows of `batch`; calls without a cost are priced from `prices`.
    init(_ batch: RecordBatch, prices: PriceBook) {
        conversations = batch.conversations.map(\.rowValues)
        interactions = batch.interactions.map(\.rowValues)
        sqlQueries = batch.interactions.flatMap { StoredSQLQuery.rows(of: $0).map(\.rowValues) }
        calls = batch.calls.map { $0.priced(with: prices).rowValues }
    }

    /// The rows of `records`, parents first.
    init(_ records: [PendingRecord], prices: PriceBook) {
        self.init(PendingRecord.batch(records), prices: prices)
    }

    /// Inserts the rows in one transaction, skipping ids already stored.
    func insert(into database: any DatabaseClient) async throws {
        try await database.withConnection(.write) { connection in
            try await connection.transaction {
                try await connection.insert(into: Conversation.table, columns: Conversation.columns,
                                            rows: conversations, ignoringDuplicates: true)
                try await connection.insert(into: Interaction.table, columns: Interaction.columns,
                                            rows: interactions, ignoringDuplicates: true)
                if !sqlQueries.isEmpty {
                    try await connection.insert(into: StoredSQLQuery.table, columns: StoredSQLQuery.columns,
                                                rows: sqlQueries, ignoringDuplicates: true)
                }
                try await connection.insert(into: Call.table, columns: Call.columns, rows: calls, ignoringDuplicates: true)
            }
        }
    }
}
