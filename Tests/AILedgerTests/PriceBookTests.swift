@testable import AILedger
import Foundation
import Testing

@Suite struct PriceBookTests {
    static func day(_ text: String) -> Date { Timestamp.date(microseconds: Timestamp.parse(text + "T00:00:00Z")!) }
    static func d(_ text: String) -> Decimal { Decimal(string: text)! }

    let book = PriceBook([
        Price(model: "gpt-4o", effectiveFrom: day("2024-05-13"), rates: PriceRates(input: d("5"), output: d("15"))),
        Price(model: "gpt-4o", effectiveFrom: day("2024-10-01"),
              rates: PriceRates(input: d("2.50"), output: d("10"), cacheRead: d("1.25"))),
        Price(model: "claude-sonnet-4", effectiveFrom: day("2025-05-22"),
              rates: PriceRates(input: d("3"), output: d("15"), cacheRead: d("0.30"), cacheWrite: d("3.75"), cacheWrite1h: d("6")),
              tiers: [PriceTier(aboveInputTokens: 200_000,
                                rates: PriceRates(input: d("6"), output: d("22.50"), cacheRead: d("0.60"), cacheWrite: d("7.50"),
                                                  cacheWrite1h: d("12")))]),
        Price(model: "claude-sonnet-4", provider: "bedrock", effectiveFrom: day("2025-05-22"),
              rates: PriceRates(input: d("3.30"), output: d("16.50"))),
        Price(model: "mistral-*", effectiveFrom: day("2024-01-01"), rates: PriceRates(input: d("1"), output: d("3"))),
        Price(model: "mistral-large-*", effectiveFrom: day("2024-01-01"), rates: PriceRates(input: d("2"), output: d("6"))),
    ])

    @Test func cachedAndReasoningTokensArePricedOnce() throws {
        let price = try #require(book.match(model: "gpt-4o", at: Self.day("2025-01-01"))?.price)
        // 10,000 input of which 6,000 cached; 2,000 output of which 500 reasoning (priced as output).
        let cost = price.cost(of: TokenUsage(input: 10_000, output: 2_000, cacheRead: 6_000, reasoning: 500))
        // 4,000 × 2.50 + 6,000 × 1.25 + 2,000 × 10 = 10,000 + 7,500 + 20,000 per million = $0.0375
        #expect(cost == Self.d("0.0375"))
    }

    @Test func cacheWritesSplitByTTLAndLongContextTier() throws {
        let price = try #require(book.match(model: "claude-sonnet-4", at: Self.day("2025-06-01"))?.price)
        let small = TokenUsage(input: 50_000, output: 1_000, cacheRead: 20_000, cacheWrite: 10_000, cacheWrite1h: 4_000)
        // 20,000 × 3 + 20,000 × 0.30 + 6,000 × 3.75 + 4,000 × 6 + 1,000 × 15 = 60,000 + 6,000 + 22,500 + 24,000 + 15,000
        #expect(price.cost(of: small) == Self.d("0.1275"))
        let large = TokenUsage(input: 250_000, output: 1_000, cacheRead: 100_000)
        // Above 200k every token takes the tier's rates: 150,000 × 6 + 100,000 × 0.60 + 1,000 × 22.50
        #expect(price.cost(of: large) == Self.d("0.9825"))
        #expect(price.cost(of: TokenUsage()) == nil, "no usage, no cost")
    }

    @Test func aPriceChangeSplitsTheMonth() {
        #expect(book.match(model: "gpt-4o", at: Self.day("2024-09-30"))?.price.rates.input == Self.d("5"))
        #expect(book.match(model: "gpt-4o", at: Self.day("2024-10-01"))?.price.rates.input == Self.d("2.50"))
        #expect(book.match(model: "gpt-4o", at: Self.day("2024-05-12")) == nil, "before the first price: unpriced")
    }

    @Test func precedenceExactThenSnapshotThenMostSpecificPattern() {
        let at = Self.day("2025-06-01")
        #expect(book.match(model: "gpt-4o", at: at)?.rule == .exact)
        #expect(book.match(model: "gpt-4o-2024-08-06", at: at)?.rule == .snapshot)
        #expect(book.match(model: "GPT-4o-latest", at: at)?.price.model == "gpt-4o")
        #expect(book.match(model: "claude-sonnet-4-20250514", at: at)?.price.model == "claude-sonnet-4")
        #expect(book.match(model: "claude-sonnet-4@20250514", at: at)?.price.model == "claude-sonnet-4")
        #expect(book.match(model: "mistral-large-2411", at: at)?.price.model == "mistral-large-*")
        #expect(book.match(model: "mistral-small-2503", at: at)?.price.model == "mistral-*")
        #expect(book.match(model: "gpt-4o-mini", at: at) == nil, "a different model is not a snapshot")
        #expect(book.match(model: "unknown", at: at) == nil)
    }

    @Test func providerScopedEntriesWinForTheirProvider() {
        let at = Self.day("2025-06-01")
        #expect(book.match(model: "claude-sonnet-4", provider: "bedrock", at: at)?.price.rates.input == Self.d("3.30"))
        #expect(book.match(model: "bedrock/claude-sonnet-4", at: at)?.price.rates.input == Self.d("3.30"))
        #expect(book.match(model: "claude-sonnet-4", provider: "anthropic", at: at)?.price.rates.input == Self.d("3"))
        #expect(book.match(model: "claude-sonnet-4", at: at)?.price.rates.input == Self.d("3"))
        let scopedOnly = PriceBook([Price(model: "gpt-4o", provider: "openai", effectiveFrom: Self.day("2024-01-01"),
                                          rates: PriceRates(input: 1, output: 2))])
        #expect(scopedOnly.match(model: "gpt-4o", at: at) != nil, "no provider named: the scoped price applies")
        #expect(scopedOnly.match(model: "gpt-4o", provider: "azure", at: at) == nil, "another provider's price never does")
    }

    @Test func laterEntriesReplaceTheSameKey() {
        var copy = book
        copy.add([Price(model: "gpt-4o", effectiveFrom: Self.day("2024-10-01"), rates: PriceRates(input: 1, output: 1))])
        #expect(copy.prices.count == book.prices.count)
        #expect(copy.match(model: "gpt-4o", at: Self.day("2025-01-01"))?.price.rates.input == 1)
    }

    @Test func snapshotSuffixes() {
        #expect(PriceBook.withoutSnapshotSuffix("gpt-4o-2024-08-06") == "gpt-4o")
        #expect(PriceBook.withoutSnapshotSuffix("claude-3-5-haiku-20241022") == "claude-3-5-haiku")
        #expect(PriceBook.withoutSnapshotSuffix("claude-3-5-sonnet@20240620") == "claude-3-5-sonnet")
        #expect(PriceBook.withoutSnapshotSuffix("gpt-4o") == "gpt-4o")
        #expect(PriceBook.withoutSnapshotSuffix("o3-mini") == "o3-mini")
    }

    /// Costs are summed in integers when every rate has at most nine decimal places; the
    /// figure must be the decimal one to the nano-dollar, rounding halves to even, in the
    /// same form, and a rate with more places still prices exactly.
    @Test func integerCostsEqualDecimalCosts() throws {
        var generator = SystemRandomNumberGenerator()
        let rates = ["0", "0.000000001", "0.075", "0.15", "1.25", "2.5", "3.75", "15", "75", "0.0375", "1234.567891234", "0.1234567891"]
        func decimalCost(_ usage: TokenUsage, _ r: PriceRates) -> Decimal {
            let input = usage.input ?? 0, cacheRead = usage.cacheRead ?? 0, cacheWrite = usage.cacheWrite ?? 0
            let cacheWrite1h = usage.cacheWrite1h ?? 0, reasoning = usage.reasoning ?? 0
            let audio = usage.inputAudio ?? 0, image = usage.inputImage ?? 0
            let cachedAudio = usage.cacheReadAudio ?? 0, cachedImage = usage.cacheReadImage ?? 0
            let outputAudio = usage.outputAudio ?? 0, outputImage = usage.outputImage ?? 0
            let uncachedText = input - cacheRead - cacheWrite - (audio - cachedAudio) - (image - cachedImage)
            var total = Decimal(uncachedText) * r.input
            total += Decimal(audio - cachedAudio) * (r.inputAudio ?? r.input) + Decimal(image - cachedImage) * (r.inputImage ?? r.input)
            total += Decimal(cacheRead - cachedAudio - cachedImage) * (r.cacheRead ?? r.input)
            total += Decimal(cachedAudio) * (r.cacheReadAudio ?? r.cacheRead ?? r.inputAudio ?? r.input)
            total += Decimal(cachedImage) * (r.cacheReadImage ?? r.cacheRead ?? r.inputImage ?? r.input)
            total += Decimal(cacheWrite - cacheWrite1h) * (r.cacheWrite ?? r.input)
            total += Decimal(cacheWrite1h) * (r.cacheWrite1h ?? r.cacheWrite ?? r.input)
            total += Decimal((usage.output ?? 0) - reasoning - outputAudio - outputImage) * r.output
            total += Decimal(reasoning) * (r.reasoning ?? r.output)
            total += Decimal(outputAudio) * (r.outputAudio ?? r.output) + Decimal(outputImage) * (r.outputImage ?? r.output)
            return (total / 1_000_000).roundedToNanoDollars
        }
        for _ in 0..<2_000 {
            let pick = { Self.d(rates.randomElement(using: &generator)!) }
            let maybe = { Bool.random() ? pick() : nil }
            let r = PriceRates(input: pick(), output: pick(), cacheRead: maybe(), cacheWrite: maybe(), cacheWrite1h: maybe(),
                               reasoning: maybe(), inputAudio: maybe(), inputImage: maybe(), cacheReadAudio: maybe(),
                               cacheReadImage: maybe(), outputAudio: maybe(), outputImage: maybe())
            let input = Int64.random(in: 0...2_000_000, using: &generator), output = Int64.random(in: 0...200_000, using: &generator)
            let part = { (whole: Int64) in Int64.random(in: 0...whole, using: &generator) }
            let cacheRead = part(input / 4), cacheWrite = part(input / 4), audio = part(input / 4), image = part(input / 4)
            let usage = TokenUsage(input: input, output: output, cacheRead: cacheRead, cacheWrite: cacheWrite,
                                   cacheWrite1h: part(cacheWrite), reasoning: part(output / 3), inputAudio: audio, inputImage: image,
                                   cacheReadAudio: part(min(audio, cacheRead / 2)), cacheReadImage: part(min(image, cacheRead / 2)),
                                   outputAudio: part(output / 3), outputImage: part(output / 3))
            try Call(model: "m", usage: usage).validate()
            let price = Price(model: "m", effectiveFrom: Self.day("2025-01-01"), rates: r)
            let cost = try #require(price.cost(of: usage))
            let expected = decimalCost(usage, r)
            #expect(cost == expected, "\(usage) at \(r)")
            #expect(cost.description == expected.description)
        }
        // Exactly half a nano-dollar rounds to even: 1 token at $0.0005 and $0.0015 per million.
        let half = Price(model: "m", effectiveFrom: Self.day("2025-01-01"), rates: PriceRates(input: Self.d("0.0005"), output: Self.d("0.0015")))
        #expect(half.cost(of: TokenUsage(input: 1, output: 0)) == 0)
        #expect(half.cost(of: TokenUsage(input: 0, output: 1)) == Self.d("0.000000002"))
    }

    /// What adding prices would change: judged by what a call is billed, so an unset cache
    /// rate equal to the input rate changes nothing, and a new tier is named.
    @Test func changesCompareWhatCallsAreBilled() {
        let from = Self.day("2025-11-01")
        let changes = book.changes(adding: [
            Price(model: "gpt-4o", effectiveFrom: from, rates: PriceRates(input: Self.d("2.5"), output: Self.d("10"), cacheRead: Self.d("1.25"))),
            Price(model: "gpt-4o", effectiveFrom: from, rates: PriceRates(input: Self.d("2.5"), output: Self.d("12"), cacheRead: Self.d("1.25")),
                  tiers: [PriceTier(aboveInputTokens: 128_000, rates: PriceRates(input: Self.d("5"), output: Self.d("20")))]),
            Price(model: "claude-sonnet-4", provider: "bedrock", effectiveFrom: from,
                  rates: PriceRates(input: Self.d("3.30"), output: Self.d("16.50"), cacheRead: Self.d("3.3"))),
            Price(model: "gpt-4o", effectiveFrom: Self.day("2024-01-01"), rates: PriceRates(input: Self.d("5"), output: Self.d("15"))),
            Price(model: "o3", provider: "openai", effectiveFrom: from, rates: PriceRates(input: Self.d("2"), output: Self.d("8"))),
        ])
        #expect(changes.map(\.kind) == [.unchanged, .changed, .unchanged, .added, .added])
        #expect(changes[1].differences == ["output: 10 → 12", "reasoning: 10 → 12", "tier above 128000: added"],
                "reasoning is billed at the output rate when unset")
        #expect(changes[1].previous?.effectiveFrom == Self.day("2024-10-01"))
        #expect(changes[2].previous?.provider == "bedrock", "a provider's price is compared with that provider's")
    }

    /// A service tier's price changing mid-month: calls on each side billed at the tier's
    /// rates in force at their time, standard calls untouched by it.
    @Test func aMidMonthTierPriceChangeIsPricedOnBothSides() throws {
        let book = PriceBook([
            Price(model: "o3", provider: "openai", effectiveFrom: Self.day("2025-06-01"), rates: PriceRates(input: 2, output: 8),
                  serviceTiers: ["flex": PriceRates(input: 1, output: 4)]),
            Price(model: "o3", provider: "openai", effectiveFrom: Self.day("2025-06-15"), rates: PriceRates(input: 2, output: 8),
                  serviceTiers: ["flex": PriceRates(input: Self.d("0.8"), output: Self.d("3.2")), "priority": PriceRates(input: 3.5, output: 14)]),
        ])
        func bill(_ day: String, _ tier: String?) -> Call {
            Call(createdAt: Self.day(day).addingTimeInterval(3_600), model: "o3-2025-04-16", provider: "openai", serviceTier: tier,
                 usage: TokenUsage(input: 100_000, output: 10_000)).priced(with: book)
        }
        // 100,000 × 1 + 10,000 × 4, then 100,000 × 0.8 + 10,000 × 3.2 per million
        #expect(bill("2025-06-14", "flex").costUSD == Self.d("0.14"))
        #expect(bill("2025-06-15", "flex").costUSD == Self.d("0.112"))
        // Priority has rates only from the 15th: unpriced before, billed after.
        #expect(bill("2025-06-14", "priority").costSource == .unpriced)
        #expect(bill("2025-06-16", "priority").costUSD == Self.d("0.49"))
        #expect(bill("2025-06-14", "default").costUSD == Self.d("0.28") && bill("2025-06-16", nil).costUSD == Self.d("0.28"))
    }

    /// The largest counts at a rate near the 64-bit limit stay exact in the integer sum.
    @Test func hugeCountsStayExact() throws {
        let price = Price(model: "m", effectiveFrom: Self.day("2025-01-01"), rates: PriceRates(input: 9_000_000_000, output: 9_000_000_000))
        let usage = TokenUsage(input: .max, output: .max)
        let cost = try #require(price.cost(of: usage))
        #expect(cost == Decimal(Int64.max) * 9_000 * 2)
    }
}
