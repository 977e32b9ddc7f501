@testable import AILedger
import Foundation
import Testing

@Suite struct LiteLLMImportTests {
    let from = Timestamp.date(microseconds: Timestamp.parse("2025-07-01T00:00:00Z")!)

    @Test func awkwardFloatsBecomeExactDecimals() throws {
        let file = """
            {
              "sample_spec": {"input_cost_per_token": 0.0, "output_cost_per_token": 0.0, "litellm_provider": "openai"},
              "gpt-4o-mini": {"input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07,
                              "cache_read_input_token_cost": 7.5e-08, "litellm_provider": "openai", "mode": "chat"},
              "claude-3-7-sonnet-20250219": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
                              "cache_creation_input_token_cost": 3.75e-06, "cache_read_input_token_cost": 3e-07,
                              "litellm_provider": "anthropic"},
              "gemini/gemini-2.5-pro": {"input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05,
                              "input_cost_per_token_above_200k_tokens": 2.5e-06, "output_cost_per_token_above_200k_tokens": 1.5e-05,
                              "litellm_provider": "gemini"},
              "deepseek/deepseek-reasoner": {"input_cost_per_token": 5.5e-07, "output_cost_per_token": 2.19e-06,
                              "output_cost_per_reasoning_token": 2.19e-06, "litellm_provider": "deepseek"},
              "dall-e-3": {"output_cost_per_pixel": 0.0, "litellm_provider": "openai", "mode": "image_generation"}
            }
            """
        let book = try PriceBook(litellm: file, effectiveFrom: from)
        #expect(book.prices.count == 4, "sample_spec and image models are skipped")
        let mini = try #require(book.match(model: "gpt-4o-mini", at: from)?.price)
        #expect(mini.rates == PriceRates(input: Decimal(string: "0.15")!, output: Decimal(string: "0.6")!,
                                         cacheRead: Decimal(string: "0.075")!))
        let sonnet = try #require(book.match(model: "claude-3-7-sonnet-20250219", at: from)?.price)
        #expect(sonnet.rates.cacheWrite == Decimal(string: "3.75")! && sonnet.rates.cacheRead == Decimal(string: "0.3")!)
        let pro = try #require(book.match(model: "gemini-2.5-pro", provider: "gemini", at: from)?.price)
        #expect(pro.tiers.first?.aboveInputTokens == 200_000 && pro.tiers.first?.rates.input == Decimal(string: "2.5")!)
        let reasoner = try #require(book.match(model: "deepseek/deepseek-reasoner", at: from)?.price)
        #expect(reasoner.rates.output == Decimal(string: "2.19")! && reasoner.rates.reasoning == Decimal(string: "2.19")!)
        // The exact bill: 1,000,000 input tokens at 1.5e-07 per token is exactly $0.15, not 0.15000000000000002.
        #expect(mini.cost(of: TokenUsage(input: 1_000_000, output: 0)) == Decimal(string: "0.15")!)
    }

    @Test(arguments: [
        ("[]", "keyed by model"),
        (#"{"m": 3}"#, "litellm[m]"),
        (#"{"m": {"input_cost_per_token": "cheap", "output_cost_per_token": 1e-06}}"#, "litellm[m].input_cost_per_token"),
        (#"{"m": {"input_cost_per_token": 1e-06, "output_cost_per_token": -1e-06}}"#, "litellm[m].output_cost_per_token"),
    ])
    func malformedFilesNameTheField(_ text: String, _ field: String) {
        let error = #expect(throws: LedgerError.self) { _ = try PriceBook(litellm: text, effectiveFrom: from) }
        #expect(error?.kind == .invalidPrice)
        #expect(error?.message.contains(field) == true, "\(error?.message ?? "")")
    }
}
