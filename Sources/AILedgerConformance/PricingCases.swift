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
        .init(name: "service tiers are stored and billed at their own rates, unpriced without them") { context in
            let ledger = context.ledger
            let d = { (text: String) in Decimal(string: text)! }
            // Stored, so the tiers go through the database's price entries too.
            try await ledger.storePrices([
                Price(model: "conf-tiered", effectiveFrom: day("2025-01-01"), rates: PriceRates(input: d("2"), output: d("8"), cacheRead: d("0.5")),
                      serviceTiers: ["batch": PriceRates(input: d("1"), output: d("4"), cacheRead: d("0.25")),
                                     "priority": PriceRates(input: d("3.5"), output: d("14"))]),
            ])
            let usage = TokenUsage(input: 10_000, output: 2_000, cacheRead: 4_000)
            let at = day("2025-04-01")
            let calls = [nil, "default", "batch", "Priority", "flex"].enumerated().map { n, tier in
                Call(createdAt: at.addingTimeInterval(Double(n)), model: "conf-tiered", userID: "tiers", serviceTier: tier, usage: usage)
            }
            try await ledger.record(RecordBatch(calls: calls))
            var stored: [Call?] = []
            for call in calls { stored.append(try await ledger.call(id: call.id)) }
            try Expect.equal(stored.map { $0?.serviceTier }, [nil, "default", "batch", "Priority", "flex"], "the tier as recorded")
            // 6,000 × 2 + 4,000 × 0.5 + 2,000 × 8 = 30,000 per million; batch halves it; priority has no cache-read rate
            // of its own, so cached tokens cost its input rate: 10,000 × 3.5 + 2,000 × 14.
            try Expect.equal(stored.map { $0?.costUSD }, [d("0.03"), d("0.03"), d("0.015"), d("0.063"), nil], "each tier's bill")
            try Expect.equal(stored.map { $0?.costSource }, [.computed, .computed, .computed, .computed, .unpriced],
                             "a tier without rates is unpriced, never billed at the standard rate")
            let summary = try await ledger.usage(LedgerFilter(userID: "tiers"))
            try Expect.equal(summary.costUSD, d("0.138"), "the tiers add up")
            try Expect.equal(summary.unpricedCalls, 1, "the flex call counted as unpriced")
            if context.suite.reopenSharesDatabase {
                let other = try await context.reopen()
                let price = other.priceBook.match(model: "conf-tiered", at: at)?.price
                try Expect.equal(price?.serviceTiers["batch"]?.input, d("1"), "stored service tiers are read back")
                await other.close()
            }
        },
        .init(name: "audio and image tokens are stored and billed at their own rates") { context in
            let ledger = context.ledger
            let d = { (text: String) in Decimal(string: text)! }
            try await ledger.storePrices([
                Price(model: "conf-voice", effectiveFrom: day("2025-01-01"), rates: PriceRates(
                    input: d("4"), output: d("16"), cacheRead: d("0.4"), inputAudio: d("32"), inputImage: d("5"),
                    cacheReadAudio: d("0.8"), outputAudio: d("64"), outputImage: d("40"))),
                Price(model: "conf-text-only", effectiveFrom: day("2025-01-01"), rates: PriceRates(input: d("2"), output: d("8"))),
            ])
            // Of 10,000 input tokens 3,000 are cached (1,000 audio, 500 image); 4,000 are audio and
            // 1,500 images in all. Of 2,000 output tokens 200 are reasoning, 1,000 audio, 300 image.
            let usage = TokenUsage(input: 10_000, output: 2_000, cacheRead: 3_000, reasoning: 200, inputAudio: 4_000,
                                   inputImage: 1_500, cacheReadAudio: 1_000, cacheReadImage: 500, outputAudio: 1_000,
                                   outputImage: 300)
            let at = day("2025-05-01")
            let voice = Call(createdAt: at, model: "conf-voice", userID: "modalities", usage: usage)
            let plain = Call(createdAt: at, model: "conf-text-only", userID: "modalities", usage: usage)
            try await ledger.record(RecordBatch(calls: [voice, plain]))
            let stored = try Expect.some(try await ledger.call(id: voice.id), "the call is stored")
            try Expect.equal(stored.usage, usage, "every modality count read back as recorded")
            // Uncached: 3,000 audio × 32 + 1,000 image × 5 + 3,000 text × 4; cached: 1,500 text × 0.4 +
            // 1,000 audio × 0.8 + 500 image × 0.4 (no cached-image rate: the cache-read rate);
            // output: 500 text × 16 + 200 reasoning × 16 + 1,000 audio × 64 + 300 image × 40
            // = 201,800 dollars per million tokens.
            try Expect.equal(stored.costUSD, d("0.2018"), "each modality at its own rate")
            // Without audio or image rates every token is billed as text: 10,000 × 2 + 2,000 × 8.
            try Expect.equal(try await ledger.call(id: plain.id)?.costUSD, d("0.036"), "modalities fall back to the text rates")
            let summary = try await ledger.usage(LedgerFilter(userID: "modalities"))
            try Expect.equal(summary.costUSD, d("0.2378"), "the bills add up")
            let error = try await Expect.error(.invalidRecord) {
                try await ledger.record(Call(model: "conf-voice", usage: TokenUsage(input: 100, output: 10, inputAudio: 101)))
            }
            try Expect.that(error.message.contains("inputAudio"), "the error names the audio count: \(error)")
            if context.suite.reopenSharesDatabase {
                let other = try await context.reopen()
                let rates = other.priceBook.match(model: "conf-voice", at: at)?.price.rates
                try Expect.equal(rates?.cacheReadAudio, d("0.8"), "stored modality rates are read back")
                try Expect.equal(rates?.outputImage, d("40"), "stored modality rates are read back")
                await other.close()
            }
        },
    ]
}
