import AILedger
import Foundation

/// The edges of what the ledger accepts and reads: the largest token counts sum without
/// overflow, and a price table that cannot be read stops `open` instead of being ignored.
enum LimitCases {
    static let all: [ConformanceSuite.Case] = [
        .init(name: "token counts at their cap sum exactly") { context in
            let cap: Int64 = 1_000_000_000_000
            let calls = (0..<3).map { _ in
                Call(model: "cap", usage: TokenUsage(input: cap, output: cap, cacheRead: cap, cacheWrite: 0, reasoning: cap),
                     costUSD: 1)
            }
            try await context.ledger.record(RecordBatch(calls: calls))
            let usage = try await context.ledger.usage(LedgerFilter(model: "cap"))
            try Expect.equal(usage.tokens, TokenUsage(input: 3 * cap, output: 3 * cap, cacheRead: 3 * cap, cacheWrite: 0,
                                                      reasoning: 3 * cap), "sums")
            try Expect.equal(usage.costUSD, 3, "cost")
            try await Expect.error(.invalidRecord) {
                try await context.ledger.record(Call(model: "over", usage: TokenUsage(input: cap + 1)))
            }
        },
        .init(name: "a cost stored without its source reads back as provided") { context in
            var call = Call(model: "sourceless", costUSD: Decimal(string: "0.25")!)
            call.costSource = nil
            try await context.ledger.record(call)
            let read = try await context.ledger.call(id: call.id)
            try Expect.equal(read?.costSource, .provided, "source")
            try Expect.equal(read?.costUSD, Decimal(string: "0.25")!, "cost")
        },
        .init(name: "a price table that cannot be read stops open") { context in
            guard context.suite.reopenSharesDatabase else { return }
            try await context.execute("ALTER TABLE ailedger_prices RENAME COLUMN entry TO entry_unreadable")
            do {
                let error = try await Expect.error(.databaseError) { _ = try await context.reopen() }
                try Expect.that(!error.isRecordLevel, "a database error: \(error)")
                try await context.execute("ALTER TABLE ailedger_prices RENAME COLUMN entry_unreadable TO entry")
            } catch {
                try? await context.execute("ALTER TABLE ailedger_prices RENAME COLUMN entry_unreadable TO entry")
                throw error
            }
            let again = try await context.reopen()
            await again.close()
        },
    ]
}
