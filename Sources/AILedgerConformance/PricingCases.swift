import AILedger
import Foundation

/// Costs computed when calls are recorded, `unpriced` instead of a silent zero, prices
/// stored in the database, and recomputation over history.
enum PricingCases {
    static func day(_ text: String) -> Date { Timestamp.date(microseconds: Timestamp.parse(text + "T00:00:00Z")!) }

    static let all: [ConformanceSuite.Case] = [
        .init(name: "costs are computed, unpriced calls repriced, provided costs kept") { context in
            let ledger = context.ledger
            ledger.addPrices([
                Price(model: "conf-model", effectiveFrom: day("2025-03-01"),
                      rates: PriceRates(input: Decimal(string: "3")!, output: Decimal(string: "15")!, cacheRead: Decimal(string: "0.30")!)),
                // A price change in the middle of the month.
                Price(model: "conf-model", effectiveFrom: day("2025-03-15"),
                      rates: PriceRates(input: Decimal(string: "2")!, output: Decimal(string: "10")!, cacheRead: Decimal(string: "0.20")!)),
            ])
            let usage = TokenUsage(input: 10_000, output: 1_000, cacheRead: 4_000)
            let before = Call(createdAt: day("2025-03-14").addingTimeInterval(86_399), model: "conf-model", userID: "u1", usage: usage)
            let afterChange = Call(createdAt: day("2025-03-15"), model: "conf-model-2025-03-01", userID: "u1", usage: usage)
            let provided = Call(createdAt: day("2025-03-16"), model: "conf-model", userID: "u2", usage: usage,
                                costUSD: Decimal(string: "1.5")!)
            let unknown = Call(createdAt: day("2025-03-17"), model: "conf-unknown", userID: "u2", usage: usage)
            try await ledger.record(RecordBatch(calls: [before, afterChange, provided, unknown]))

            // 6,000 × 3 + 4,000 × 0.30 + 1,000 × 15 = 34,200 per million; then 6,000 × 2 + 4,000 × 0.20 + 1,000 × 10.
            let first = try await ledger.call(id: before.id)
            try Expect.equal(first?.costUSD, Decimal(string: "0.0342")!, "priced at the old price")
            try Expect.equal(first?.costSource, .computed, "source of a computed cost")
            try Expect.equal(try await ledger.call(id: afterChange.id)?.costUSD, Decimal(string: "0.0228")!,
                             "a dated snapshot priced at the new price")
            try Expect.equal(try await ledger.call(id: provided.id)?.costSource, .provided, "provided cost kept")
            let unpriced = try await ledger.call(id: unknown.id)
            try Expect.equal(unpriced?.costUSD, nil, "an unknown model has no cost, not zero")
            try Expect.equal(unpriced?.costSource, .unpriced, "and says so")

            let user1 = try await ledger.usage(LedgerFilter(userID: "u1"))
            try Expect.equal(user1.costUSD, Decimal(string: "0.057")!, "cost per user")
            let user2 = try await ledger.usage(LedgerFilter(userID: "u2"))
            try Expect.equal(user2.costUSD, Decimal(string: "1.5")!, "the unpriced call adds nothing")
            try Expect.equal(user2.unpricedCalls, 1, "and is counted as unpriced")
            let byModel = try await ledger.usageByModel()
            try Expect.equal(byModel.first(where: { $0.model == "conf-model" })?.summary.costUSD, Decimal(string: "1.5342")!,
                             "cost per model")

            // A price for the unknown model arrives, stored in the database; history is repriced.
            try await ledger.storePrices([Price(model: "conf-unknown", effectiveFrom: day("2025-01-01"),
                                                rates: PriceRates(input: Decimal(string: "1")!, output: Decimal(string: "2")!))])
            let report = try await ledger.recomputeCosts(batchSize: 2)
            try Expect.equal(report.examined, 4, "every call examined")
            try Expect.equal(report.provided, 1, "the provided cost skipped")
            try Expect.equal(report.newlyPriced, 1, "the unpriced call priced")
            try Expect.equal(report.updated, 1, "only that call changed")
            let repriced = try await ledger.call(id: unknown.id)
            try Expect.equal(repriced?.costUSD, Decimal(string: "0.012")!, "10,000 × 1 + 1,000 × 2 per million")
            try Expect.equal(repriced?.costSource, .computed, "now computed")
            try Expect.equal(try await ledger.call(id: provided.id)?.costUSD, Decimal(string: "1.5")!, "provided cost untouched")

            // Another process sees the stored price.
            if context.suite.reopenSharesDatabase {
                let other = try await context.reopen()
                try Expect.that(other.priceBook.match(model: "conf-unknown", at: day("2025-06-01")) != nil,
                                "stored prices are loaded when a ledger opens")
                await other.close()
            }
        },
    ]
}
