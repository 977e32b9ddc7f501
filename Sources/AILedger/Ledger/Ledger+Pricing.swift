import Foundation

extension Ledger {
    /// The prices calls are billed at now.
    public var priceBook: PriceBook { pricing.withLock { $0 } }

    /// Adds prices for this process only, replacing entries with the same model, provider
    /// and start date. `storePrices` keeps them in the database instead.
    public func addPrices(_ prices: [Price]) {
        pricing.withLock { $0.add(prices) }
    }

    /// Stores prices in the database (for every process using it) and adds them here.
    public func storePrices(_ prices: [Price]) async throws {
        guard !prices.isEmpty else { return }
        let now = Timestamp.microseconds(Date())
        let rows: [[SQLValue]] = prices.map { price in
            [.uuid(UUID.v7()), .text(price.model), .text(price.provider ?? ""),
             .timestamp(Timestamp.microseconds(price.effectiveFrom)), .json(price.json.jsonText), .timestamp(now)]
        }
        _ = try await database.withConnection(.write) { connection in
            try await connection.transaction {
                try await connection.insert(into: "ailedger_prices",
                                            columns: ["id", "model", "provider", "effective_from", "entry", "created_at"],
                                            rows: rows, ignoringDuplicates: false)
            }
        }
        addPrices(prices)
    }

    /// Reads the prices stored in the database into the price book; later rows win.
    public func loadStoredPrices() async throws {
        let table = dialect.quoteIdentifier("ailedger_prices")
        let rows = try await database.withConnection(.read) { connection in
            try await connection.query("SELECT entry FROM \(table) ORDER BY created_at, id", [])
        }
        let stored = try rows.enumerated().map { index, row in
            var reader = RowReader(row)
            guard let entry = try reader.optionalJSON() else { throw LedgerError(.invalidPrice, "stored price \(index) is empty") }
            return try Price(json: entry, path: "stored price \(index)")
        }
        addPrices(stored)
    }

    /// Prices again, with the current price book, every call made in `[since, until)` whose
    /// cost was not provided by the caller, in batches of `batchSize`; reports what changed.
    ///
    /// Use after adding or correcting a price: calls recorded as `unpriced` gain a cost, and
    /// computed costs follow the corrected price in force at each call's time. `progress`
    /// is told the report so far after each batch.
    @discardableResult
    public func recomputeCosts(since: Date? = nil, until: Date? = nil, batchSize: Int = 1_000,
                               progress: @Sendable (CostRecomputation) -> Void = { _ in }) async throws -> CostRecomputation {
        var matcher = PriceMatcher(priceBook)
        var report = CostRecomputation()
        var after: (Int64, UUID)?
        while true {
            var sql = SQLBuilder(dialect, "SELECT " + SQLBuilder(dialect).columnList(Call.columns) + " FROM "
                                 + dialect.quoteIdentifier(Call.table))
            sql.filter("created_at", ">=", since.map { .timestamp(Timestamp.microseconds($0)) })
            sql.filter("created_at", "<", until.map { .timestamp(Timestamp.microseconds($0)) })
            if let (micros, id) = after {
                let time = dialect.quoteIdentifier("created_at"), key = dialect.quoteIdentifier("id")
                sql.condition("(\(time) > \(sql.bind(.timestamp(micros))) OR (\(time) = \(sql.bind(.timestamp(micros))) AND \(key) > \(sql.bind(.uuid(id)))))")
            }
            sql.appendWhere()
            sql.append(" ORDER BY created_at, id LIMIT \(sql.bind(.integer(Int64(max(1, batchSize)))))")
            let found = try await rows(sql, access: .read)
            let calls = try found.map(Call.init(row:))
            guard let last = calls.last else { break }
            after = (Timestamp.microseconds(last.createdAt), last.id)
            var updates: [(call: Call, cost: Int64?, source: CostSource?)] = []
            for call in calls {
                report.examined += 1
                guard call.costSource != .provided else {
                    report.provided += 1
                    continue
                }
                let repriced = call.repriced(with: &matcher)
                report.costBefore += call.costUSD ?? 0
                report.costAfter += repriced.costUSD ?? 0
                if repriced.costUSD == nil { report.unpriced += 1 }
                if call.costUSD == nil && repriced.costUSD != nil { report.newlyPriced += 1 }
                if repriced.costUSD != call.costUSD || repriced.costSource != call.costSource {
                    report.updated += 1
                    updates.append((call, repriced.costUSD.flatMap { NanoDollars.from(usd: $0) }, repriced.costSource))
                }
            }
            if !updates.isEmpty { try await storeCosts(updates) }
            progress(report)
            if calls.count < batchSize { break }
        }
        return report
    }

    /// Stores new costs in one transaction and moves the rollups' cost sums by the change
    /// from each call's cost as stored when its row is locked.
    private func storeCosts(_ updates: [(call: Call, cost: Int64?, source: CostSource?)]) async throws {
        let table = dialect.quoteIdentifier(Call.table)
        let statement = "UPDATE \(table) SET cost_nano_usd = \(dialect.placeholder(1)), cost_source = \(dialect.placeholder(2)) WHERE id = \(dialect.placeholder(3))"
        try await database.withConnection(.write) { connection in
            try await connection.transaction {
                var sql = SQLBuilder(connection.dialect, "SELECT id, cost_nano_usd FROM \(table) WHERE id IN (")
                sql.append(updates.map { sql.bind(.uuid($0.call.id)) }.joined(separator: ", ") + ")" + connection.dialect.lockingReadSuffix)
                var stored: [UUID: Int64?] = [:]
                for row in try await connection.query(sql.sql, sql.parameters) {
                    var reader = RowReader(row)
                    stored[try reader.uuid()] = try reader.optionalInt64()
                }
                let ids = Set(updates.compactMap(\.call.interactionID))
                let interactions = try await PromptRollupKey.stored(ids, on: connection)
                let interactionParties = try await PartyValues.stored(ids, in: Interaction.table, on: connection)
                let conversationParties = try await PartyValues.stored(Set(updates.compactMap(\.call.conversationID)),
                                                                       in: Conversation.table, on: connection)
                var rollups = RollupBatch()
                for update in updates {
                    guard let before = stored[update.call.id] else { continue }
                    try await connection.execute(statement, [.optional(update.cost, SQLValue.integer),
                                                          .optional(update.source?.rawValue, SQLValue.text), .uuid(update.call.id)])
                    rollups.reprice(update.call, interaction: update.call.interactionID.flatMap { interactions[$0] },
                                    parties: PartyValues.of(update.call, interactions: interactionParties,
                                                            conversations: conversationParties),
                                    from: before, to: update.cost)
                }
                try await rollups.write(on: connection)
            }
        }
    }
}
