@testable import AILedger
import Foundation
import Testing

@Suite struct PriceFileTests {
    @Test func theBundledBookParsesAndIsSourced() throws {
        let book = try PriceBook(json: BundledPriceBook.json)
        #expect(book.prices.count >= 30)
        #expect(book == PriceBook.bundled)
        #expect(book.prices.allSatisfy { $0.source?.hasPrefix("https://") == true })
        let providers = Set(book.prices.compactMap(\.provider))
        #expect(providers.isSuperset(of: ["openai", "anthropic", "google", "mistral", "deepseek"]))
        // A hand-computed bill at the bundled gpt-4o-mini price (0.15 / 0.075 cached / 0.60):
        // 3,000 uncached × 0.15 + 1,000 cached × 0.075 + 500 × 0.60 = 825 per million tokens.
        let at = Timestamp.date(microseconds: Timestamp.parse("2025-06-01T00:00:00Z")!)
        let price = try #require(book.match(model: "gpt-4o-mini-2024-07-18", at: at)?.price)
        #expect(price.cost(of: TokenUsage(input: 4_000, output: 500, cacheRead: 1_000)) == Decimal(string: "0.000825"))
    }

    @Test func aBookRoundTripsThroughItsJSON() throws {
        let book = PriceBook.bundled
        #expect(try PriceBook(json: book.jsonText) == book)
    }

    @Test(arguments: [
        ("not json", "not valid JSON"),
        (#"{"models": []}"#, "\"prices\" array"),
        (#"{"prices": [{"provider": "x"}]}"#, "prices[0].model"),
        (#"{"prices": [{"model": "m", "input": "1", "output": "2"}]}"#, "prices[0] (m).effective_from"),
        (#"{"prices": [{"model": "m", "effective_from": "2025-01-01", "output": "2"}]}"#, "prices[0] (m).input"),
        (#"{"prices": [{"model": "m", "effective_from": "2025-01-01", "input": "-1", "output": "2"}]}"#, "prices[0] (m).input"),
        (#"{"prices": [{"model": "m", "effective_from": "2025-01-01", "input": "1", "output": "two"}]}"#, "prices[0] (m).output"),
        (#"{"prices": [{"model": "m", "effective_from": "2025-01-01", "input": "1", "output": "2", "cache_read": true}]}"#,
         "prices[0] (m).cache_read"),
        (#"{"prices": [{"model": "m", "effective_from": "2025-01-01", "input": "1", "output": "2", "tiers": [{"input": "1"}]}]}"#,
         "prices[0] (m).tiers[0].above_input_tokens"),
    ])
    func malformedFilesNameTheField(_ text: String, _ field: String) {
        let error = #expect(throws: LedgerError.self) { _ = try PriceBook(json: text) }
        #expect(error?.kind == .invalidPrice)
        #expect(error?.message.contains(field) == true, "\(error?.message ?? "")")
    }
}
