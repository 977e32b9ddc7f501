import AILedger
import Foundation

/// The SQL interactions ran: stored with them, read back with them, and reported the same
/// way on every database.
enum SQLQueryCases {
    static let base = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01

    static let all: [ConformanceSuite.Case] = [
        .init(name: "SQL statements are stored with their interaction and reported") { context in
            let ledger = context.ledger
            let chat = Conversation(externalID: "chat-7", createdAt: base)
            let orders = Interaction(conversationID: chat.id, createdAt: base.addingTimeInterval(1), interactionType: "orders", sqlQueries: [
                SQLQuery(statement: "SELECT * FROM orders WHERE customer_id = 42 AND status = 'open'", database: "shop",
                         resultCount: 5, durationMs: 12.5),
                SQLQuery(statement: "select *  from orders where customer_id = 7 and status = 'it''s'", database: "shop",
                         resultCount: 1, durationMs: 7.5),
            ])
            let stock = Interaction(conversationID: chat.id, createdAt: base.addingTimeInterval(2), interactionType: "stock", sqlQueries: [
                SQLQuery(statement: "SELECT sku FROM stock WHERE sku IN (1, 2, 3)", database: "warehouse", resultCount: 3),
                SQLQuery(statement: "SELECT nope FROM stock", database: "warehouse", status: .error, errorMessage: "no column nope"),
            ])
            let plain = Interaction(createdAt: base.addingTimeInterval(3), interactionType: "orders")
            try await ledger.record(chat)
            try await ledger.record(orders)
            try await ledger.record(stock)
            try await ledger.record(plain)
            try await ledger.record(orders)  // a retry stores nothing twice
            try Expect.equal(try await context.count("ailedger_sql_queries"), 4, "one row per statement, a retry adds none")

            try Expect.equal(try await ledger.interaction(id: orders.id)?.sqlQueries, orders.sqlQueries, "read back in order, as given")
            try Expect.equal(try await ledger.interaction(id: plain.id)?.sqlQueries, nil, "none when it ran none")
            let page = try await ledger.interactions(LedgerFilter(conversationID: chat.id))
            try Expect.equal(page.map { $0.sqlQueries?.count ?? 0 }, [2, 2], "lists carry them")
            let turns = try await ledger.transcript(ofConversation: chat.id)?.turns
            try Expect.equal(turns?.last?.interaction.sqlQueries?.last?.errorMessage, "no column nope", "transcripts carry them")
            try Expect.equal(try await ledger.conversation(externalID: "chat-7")?.id, chat.id, "a conversation by its own id")

            let report = try await ledger.sqlQueryReport()
            try Expect.equal(report.queries, 4, "statements")
            try Expect.equal(report.interactions, 2, "interactions that ran SQL")
            try Expect.equal(report.failed, 1, "failed")
            try Expect.equal(report.results, 9, "rows returned")
            try Expect.equal(report.averageResults, 3, "mean rows per statement that reported a count")
            try Expect.equal(report.averageDurationMs, 10, "mean duration")
            try Expect.equal(report.byDatabase.map { "\($0.key ?? "-")/\($0.queries)/\($0.failed)/\($0.results)" },
                             ["shop/2/0/6", "warehouse/2/1/3"], "per database")
            try Expect.equal(report.byIntent.map { "\($0.key ?? "-")/\($0.queries)" }, ["orders/2", "stock/2"], "per intent")
            try Expect.equal(report.topStatements.first?.fingerprint, "select * from orders where customer_id = ? and status = ?",
                             "runs with other literals are one statement")
            try Expect.equal(report.topStatements.first?.queries, 2, "counted together")
            try Expect.equal(report.topStatements.first?.lastRunAt, orders.createdAt, "last run")
            try Expect.equal(Set(report.topStatements.map(\.fingerprint)),
                             ["select * from orders where customer_id = ? and status = ?", "select sku from stock where sku in (?)",
                              "select nope from stock"], "lists of values fold")
            try Expect.equal(report.recentFailures.map(\.query.statement), ["SELECT nope FROM stock"], "failures")
            try Expect.equal(report.recentFailures.first?.interactionID, stock.id, "with their interaction")

            let filtered = try await ledger.sqlQueryReport(LedgerFilter(interactionType: "stock"), top: 1)
            try Expect.equal(filtered.queries, 2, "filtered by the interaction")
            try Expect.equal(filtered.topStatements.count, 1, "top")
            let none = try await ledger.sqlQueryReport(LedgerFilter(since: base.addingTimeInterval(3600)))
            try Expect.equal(none.queries, 0, "an empty window")
            try Expect.equal(none.averageDurationMs, nil, "has no mean")

            let counts = try await ledger.interactionCounts()
            try Expect.equal([counts.interactions, counts.successes, counts.conversations], [3, 3, 1], "interaction counts")
        },
        .init(name: "SQL statements go through the buffered writer and its outbox") { context in
            let ledger = try await context.reopen(writer: WriterOptions(batchSize: 10))
            do {
                try await ledger.migrate()
                let interactions = (0..<25).map { index in
                    Interaction(createdAt: base.addingTimeInterval(Double(index)), interactionType: "report",
                                sqlQueries: (0...(index % 3)).map { SQLQuery(statement: "SELECT \(index) + \($0)", resultCount: 1) })
                }
                for interaction in interactions { try await ledger.record(interaction) }
                try Expect.that(await ledger.flush().isComplete, "drained")
                let report = try await ledger.sqlQueryReport()
                try Expect.equal(report.queries, Int64(interactions.map { $0.sqlQueries!.count }.reduce(0, +)), "every statement stored")
                try Expect.equal(report.topStatements.map(\.fingerprint), ["select ? + ?"], "one statement")
                try Expect.equal(report.interactions, 25, "every interaction")
                let stored = try await ledger.interactions(limit: 100)
                try Expect.that(stored.allSatisfy { read in interactions.first { $0.id == read.id } == read }, "every interaction intact")
                await ledger.close()
            } catch {
                await ledger.close()
                throw error
            }
        },
        .init(name: "invalid SQL statements are refused by field") { context in
            let ledger = context.ledger
            try await Expect.error(.invalidRecord) {
                try await ledger.record(Interaction(sqlQueries: [SQLQuery(statement: "")]))
            }
            try await Expect.error(.invalidRecord) {
                try await ledger.record(Interaction(sqlQueries: [SQLQuery(statement: "SELECT 1", resultCount: -1)]))
            }
            try Expect.equal(try await context.count("ailedger_interactions"), 0, "nothing stored")
        },
    ]
}
