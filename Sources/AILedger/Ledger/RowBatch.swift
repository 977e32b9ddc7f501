/// A record batch priced and turned into column values, ready to insert.
struct RowBatch: Sendable {
    var conversations: [[SQLValue]]
    var interactions: [[SQLValue]]
    /// The statements the interactions ran.
    var sqlQueries: [[SQLValue]]
    var calls: [[SQLValue]]
    /// The calls as priced, in the order of `calls`, with their stored costs.
    private var pricedCalls: [(Call, Int64?)]
    /// What the calls add to the hourly rollups when every one of them is inserted.
    private var rollups: RollupBatch

    /// The rows of `batch`; calls without a cost are priced from `prices`.
    init(_ batch: RecordBatch, prices: PriceBook) {
        conversations = batch.conversations.map(\.rowValues)
        interactions = batch.interactions.map(\.rowValues)
        sqlQueries = batch.interactions.flatMap { StoredSQLQuery.rows(of: $0).map(\.rowValues) }
        pricedCalls = batch.calls.map { call in
            let priced = call.priced(with: prices)
            return (priced, priced.costUSD.flatMap(NanoDollars.rounding(usd:)))
        }
        calls = pricedCalls.map(\.0.rowValues)
        rollups = RollupBatch(pricedCalls)
    }

    /// The rows of `records`, parents first.
    init(_ records: [PendingRecord], prices: PriceBook) {
        self.init(PendingRecord.batch(records), prices: prices)
    }

    /// Inserts the rows in one transaction, skipping ids already stored, and adds the calls
    /// actually inserted to the rollups in the same transaction.
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
                if let inserted = try await connection.insertNewRows(into: Call.table, columns: Call.columns, rows: calls) {
                    try await RollupBatch(zip(pricedCalls, inserted).compactMap { $1 ? $0 : nil }).write(on: connection)
                } else {
                    try await rollups.write(on: connection)
                }
            }
        }
    }
}
