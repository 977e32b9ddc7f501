@testable import AILedger
import Foundation
import Testing

/// The bundled book as a user meets it: dated changes priced on both sides, service tiers
/// and modalities billed from real response shapes, by hand to the nano-dollar.
@Suite struct BundledBookTests {
    static func day(_ text: String) -> Date { Timestamp.date(microseconds: Timestamp.parse(text + "T00:00:00Z")!) }
    static func d(_ text: String) -> Decimal { Decimal(string: text)! }

    func bill(_ used: ProviderUsage, at day: String) throws -> Decimal? {
        let model = try #require(used.model)
        let price = try #require(PriceBook.bundled.match(model: model, provider: used.provider, at: Self.day(day))?.price)
        return price.cost(of: used.usage, serviceTier: used.serviceTier)
    }

    @Test func everyEntryIsDatedSourcedAndUnique() {
        let prices = PriceBook.bundled.prices
        #expect(prices.count >= 150)
        var seen = Set<String>()
        for price in prices {
            #expect(seen.insert("\(price.model) \(price.provider ?? "") \(price.effectiveFrom)").inserted, "\(price.model) twice")
            #expect(price.source?.hasPrefix("https://") == true, "\(price.model)")
        }
        // The current lines of each provider are priced.
        for (model, provider) in [("gpt-5", "openai"), ("gpt-5-mini", "openai"), ("gpt-realtime", "openai"), ("gpt-image-1", "openai"),
                                  ("claude-opus-4-5", "anthropic"), ("claude-haiku-4-5", "anthropic"),
                                  ("gemini-2.5-pro", "google"), ("gemini-2.5-flash-lite", "google"),
                                  ("deepseek-chat", "deepseek"), ("mistral-medium-latest", "mistral")] {
            #expect(PriceBook.bundled.match(model: model, provider: provider, at: Self.day("2026-01-15")) != nil, "\(model)")
        }
    }

    /// Gemini 2.5 Flash's cache reads fell from $0.075 to $0.03 per million tokens.
    @Test func aDatedChangeIsPricedOnBothSides() throws {
        let response = try JSONValue(jsonText: """
            {"usageMetadata": {"promptTokenCount": 100000, "cachedContentTokenCount": 80000, "candidatesTokenCount": 1000,
                               "totalTokenCount": 101000},
             "modelVersion": "gemini-2.5-flash"}
            """)
        let used = try ProviderUsage(response: response)
        // 20,000 × 0.30 + 80,000 × 0.075 + 1,000 × 2.50, then with 80,000 × 0.03.
        #expect(try bill(used, at: "2025-10-01") == Self.d("0.0145"))
        #expect(try bill(used, at: "2025-12-01") == Self.d("0.0109"))
    }

    @Test func openAIFlexAndPriorityCallsAreBilledAtTheirTiers() throws {
        for (tier, expected) in [("flex", "0.014"), ("priority", "0.056"), ("default", "0.028")] {
            let used = try ProviderUsage(response: JSONValue(jsonText: """
                {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-5-2025-08-07", "service_tier": "\(tier)",
                 "usage": {"prompt_tokens": 10000, "completion_tokens": 2000,
                           "prompt_tokens_details": {"cached_tokens": 4000}, "completion_tokens_details": {"reasoning_tokens": 1500}}}
                """))
            // Flex: 6,000 × 0.625 + 4,000 × 0.0625 + 2,000 × 5; priority: × 2.50, 0.25, 20; default: × 1.25, 0.125, 10.
            #expect(try bill(used, at: "2025-10-01") == Self.d(expected), "\(tier)")
        }
    }

    /// A batch call past GPT-5.5's 272,000-token threshold: the batch tier's own long-context rates.
    @Test func aServiceTierHasItsOwnLongContextRates() throws {
        let price = try #require(PriceBook.bundled.match(model: "gpt-5.5", provider: "openai", at: Self.day("2026-11-01"))?.price)
        let long = TokenUsage(input: 300_000, output: 10_000, cacheRead: 100_000)
        // 200,000 × 5 + 100,000 × 0.50 + 10,000 × 22.50.
        #expect(price.cost(of: long, serviceTier: "batch") == Self.d("1.275"))
    }

    @Test func anthropicBatchResultsAreBilledAtBatchRates() throws {
        let used = try ProviderUsage(response: JSONValue(jsonText: """
            {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929", "content": [],
             "usage": {"input_tokens": 1000, "cache_read_input_tokens": 5000, "cache_creation_input_tokens": 2000,
                       "cache_creation": {"ephemeral_5m_input_tokens": 1500, "ephemeral_1h_input_tokens": 500},
                       "output_tokens": 800, "service_tier": "batch"}}
            """))
        #expect(used.serviceTier == "batch")
        // 1,000 × 1.50 + 5,000 × 0.15 + 1,500 × 1.875 + 500 × 3 + 800 × 7.50.
        #expect(try bill(used, at: "2025-11-01") == Self.d("0.0125625"))
    }

    @Test func audioAndImageTokensAreBilledAtTheBundledRates() throws {
        let audio = try ProviderUsage(response: JSONValue(jsonText: """
            {"object": "chat.completion", "model": "gpt-4o-audio-preview-2024-12-17",
             "usage": {"prompt_tokens": 120, "completion_tokens": 540,
                       "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 100},
                       "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 500}}}
            """))
        // 20 × 2.50 + 100 × 40 + 40 × 10 + 500 × 80.
        #expect(try bill(audio, at: "2025-06-01") == Self.d("0.04445"))
        let image = try ProviderUsage(response: JSONValue(jsonText: """
            {"usageMetadata": {"promptTokenCount": 1300, "candidatesTokenCount": 1290, "totalTokenCount": 2590,
                               "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 10}, {"modality": "IMAGE", "tokenCount": 1290}],
                               "candidatesTokensDetails": [{"modality": "IMAGE", "tokenCount": 1290}]},
             "modelVersion": "gemini-2.5-flash-image"}
            """))
        // 1,300 × 0.30 + 1,290 × 30.
        #expect(try bill(image, at: "2025-11-01") == Self.d("0.03909"))
    }
}
