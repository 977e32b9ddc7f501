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
        let pro = try #require(book.match(model: "gemini-2.5-pro", provider: "google", at: from)?.price)
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

    /// Entries shaped as in LiteLLM's file: provider-prefixed keys, a Vertex twin, Bedrock
    /// region ids, Azure region segments, key twins, tiers at 200k and 272k, and entries
    /// with no per-token price.
    static let shaped = """
        {
          "sample_spec": {"input_cost_per_token": 0.0, "output_cost_per_token": 0.0, "litellm_provider": "one of https://docs.litellm.ai/docs/providers"},
          "gemini/gemini-2.5-flash": {"input_cost_per_token": 3e-07, "output_cost_per_token": 2.5e-06, "cache_read_input_token_cost": 3e-08,
              "output_cost_per_reasoning_token": 2.5e-06, "input_cost_per_token_batches": 1.5e-07, "litellm_provider": "gemini", "mode": "chat",
              "search_context_cost_per_query": {"search_context_size_low": 0.035}},
          "gemini-2.5-flash": {"input_cost_per_token": 3.1e-07, "output_cost_per_token": 2.5e-06, "litellm_provider": "vertex_ai-language-models", "mode": "chat"},
          "vertex_ai/claude-sonnet-4-5": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "litellm_provider": "vertex_ai-anthropic_models", "mode": "chat"},
          "claude-sonnet-4-5": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
              "cache_creation_input_token_cost": 3.75e-06, "cache_creation_input_token_cost_above_1hr": 6e-06,
              "input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05,
              "cache_read_input_token_cost_above_200k_tokens": 6e-07, "cache_creation_input_token_cost_above_200k_tokens": 7.5e-06,
              "cache_creation_input_token_cost_above_1hr_above_200k_tokens": 1.2e-05, "litellm_provider": "anthropic", "mode": "chat"},
          "anthropic.claude-sonnet-4-5-20250929-v1:0": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "litellm_provider": "bedrock_converse", "mode": "chat"},
          "us.anthropic.claude-sonnet-4-5-20250929-v1:0": {"input_cost_per_token": 3.3e-06, "output_cost_per_token": 1.65e-05, "litellm_provider": "bedrock_converse", "mode": "chat"},
          "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0": {"input_cost_per_token": 3.3e-06, "output_cost_per_token": 1.65e-05, "litellm_provider": "bedrock", "mode": "chat"},
          "gpt-5.4": {"input_cost_per_token": 2.5e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 2.5e-07,
              "input_cost_per_token_above_272k_tokens": 5e-06, "output_cost_per_token_above_272k_tokens": 2.25e-05,
              "cache_read_input_token_cost_above_272k_tokens": 5e-07, "litellm_provider": "openai", "mode": "responses"},
          "azure/gpt-5.4": {"input_cost_per_token": 2.5e-06, "output_cost_per_token": 1.5e-05, "litellm_provider": "azure", "mode": "chat"},
          "azure/eu/gpt-5.4": {"input_cost_per_token": 2.75e-06, "output_cost_per_token": 1.65e-05, "litellm_provider": "azure", "mode": "chat"},
          "deepseek-chat": {"input_cost_per_token": 2.8e-07, "output_cost_per_token": 4.2e-07, "litellm_provider": "deepseek", "mode": "chat"},
          "deepseek/deepseek-chat": {"input_cost_per_token": 2.8e-07, "output_cost_per_token": 4.2e-07, "cache_creation_input_token_cost": 0.0, "litellm_provider": "deepseek", "mode": "chat"},
          "text-embedding-3-small": {"input_cost_per_token": 2e-08, "output_cost_per_token": 0.0, "litellm_provider": "openai", "mode": "embedding"},
          "mistral/mistral-embed": {"input_cost_per_token": 1e-07, "litellm_provider": "mistral", "mode": "embedding"},
          "gpt-image-1": {"input_cost_per_token": 5e-06, "output_cost_per_image_token": 4e-05, "litellm_provider": "openai", "mode": "image_generation"},
          "1024-x-1024/dall-e-2": {"input_cost_per_pixel": 1.9e-08, "output_cost_per_pixel": 0.0, "litellm_provider": "openai", "mode": "image_generation"},
          "whisper-1": {"input_cost_per_second": 0.0001, "output_cost_per_second": 0.0001, "litellm_provider": "openai", "mode": "audio_transcription"},
          "cohere/rerank-v3.5": {"input_cost_per_query": 0.002, "litellm_provider": "cohere", "mode": "rerank"},
          "claude-sonnet-latest": {"alias_of": "claude-sonnet-4-5"},
          "dashscope/qwen-flash": {"litellm_provider": "dashscope", "mode": "chat",
              "tiered_pricing": [{"input_cost_per_token": 5e-08, "output_cost_per_token": 4e-07, "range": [0, 256000.0]}]}
        }
        """

    @Test func providersRegionsAndTwinsMapToTheLedgersNames() throws {
        let read = try LiteLLMPriceFile(Self.shaped, effectiveFrom: from)
        // gpt-image-1 is priced per token (its output all image tokens); dall-e-2 per pixel is not.
        #expect(read.skipped == ["image_generation": 1, "audio_transcription": 1, "rerank": 1, "alias": 1, "tiered pricing": 1])
        #expect(read.duplicates == 3, "deepseek-chat twice, us.anthropic… twice, gpt-5.4 on Azure twice")
        #expect(read.prices.count == 12)
        let book = PriceBook(read.prices)
        // What ProviderUsage reports for a Gemini response: provider google. The Vertex twin stays apart.
        #expect(book.match(model: "gemini-2.5-flash", provider: "google", at: from)?.price.rates.input == Decimal(string: "0.3")!)
        #expect(book.match(model: "gemini-2.5-flash", provider: "vertex_ai", at: from)?.price.rates.input == Decimal(string: "0.31")!)
        #expect(book.match(model: "gemini/gemini-2.5-flash", at: from)?.price.provider == "google", "a LiteLLM-style name")
        #expect(book.match(model: "claude-sonnet-4-5", provider: "vertex_ai", at: from)?.price.rates.input == 3)
        // Bedrock: the regional id has its own price; a region without one falls back to the plain id.
        #expect(book.match(model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", provider: "bedrock", at: from)?.price.rates.input
                    == Decimal(string: "3.3")!)
        #expect(book.match(model: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", provider: "bedrock", at: from)?.price.rates.input == 3)
        // Azure: the key without a region segment is kept.
        #expect(book.match(model: "gpt-5.4", provider: "azure", at: from)?.price.rates.input == Decimal(string: "2.5")!)
        // Twins: the bare key has fewer segments.
        #expect(book.match(model: "deepseek-chat", provider: "deepseek", at: from)?.price.rates.cacheWrite == nil)
        // Embeddings bill input only, with or without an output price.
        #expect(book.match(model: "mistral-embed", provider: "mistral", at: from)?.price.rates.output == 0)
        #expect(book.match(model: "text-embedding-3-small", provider: "openai", at: from)?.price.rates.input == Decimal(string: "0.02")!)
    }

    /// Long-context tiers at any threshold, one-hour cache writes inside a tier, and
    /// reasoning, priced to the nano-dollar by hand.
    @Test func tiersAndCacheLifetimesArePricedExactly() throws {
        let book = PriceBook(try LiteLLMPriceFile(Self.shaped, effectiveFrom: from).prices)
        let sonnet = try #require(book.match(model: "claude-sonnet-4-5", provider: "anthropic", at: from)?.price)
        // 250,000 input: 40,000 cache reads, 30,000 cache writes of which 10,000 for an hour; 2,000 output. Above 200k:
        // 180,000 × 6 + 40,000 × 0.60 + 20,000 × 7.50 + 10,000 × 12 + 2,000 × 22.50 per million
        // = 1,080,000 + 24,000 + 150,000 + 120,000 + 45,000 = 1,419,000 / 10⁶ = $1.419
        let long = TokenUsage(input: 250_000, output: 2_000, cacheRead: 40_000, cacheWrite: 30_000, cacheWrite1h: 10_000)
        #expect(sonnet.cost(of: long) == Decimal(string: "1.419")!)
        // Exactly 200,000 input is not above the threshold: 130,000 × 3 + 40,000 × 0.30 + 20,000 × 3.75 + 10,000 × 6
        // + 2,000 × 15 = 390,000 + 12,000 + 75,000 + 60,000 + 30,000 = $0.567
        let short = TokenUsage(input: 200_000, output: 2_000, cacheRead: 40_000, cacheWrite: 30_000, cacheWrite1h: 10_000)
        #expect(sonnet.cost(of: short) == Decimal(string: "0.567")!)
        let gpt = try #require(book.match(model: "gpt-5.4", provider: "openai", at: from)?.price)
        #expect(gpt.tiers.map(\.aboveInputTokens) == [272_000])
        // 300,000 input of which 100,000 cached, 10,000 output: 200,000 × 5 + 100,000 × 0.5 + 10,000 × 22.5 = $1.275
        #expect(gpt.cost(of: TokenUsage(input: 300_000, output: 10_000, cacheRead: 100_000)) == Decimal(string: "1.275")!)
        // Exactly at the threshold the base rates apply: 272,000 × 2.5 = $0.68
        #expect(gpt.cost(of: TokenUsage(input: 272_000, output: 0)) == Decimal(string: "0.68")!)
        let flash = try #require(book.match(model: "gemini-2.5-flash", provider: "google", at: from)?.price)
        // 1,000 output of which 600 reasoning, at 2.5 each: $0.0025
        #expect(flash.cost(of: TokenUsage(input: 0, output: 1_000, reasoning: 600)) == Decimal(string: "0.0025")!)
    }

    @Test func theFormatIsToldFromTheContent() throws {
        #expect(try PriceFileFormat(detecting: Self.shaped) == .litellm)
        #expect(try PriceFileFormat(detecting: #"{"prices": []}"#) == .ailedger)
        #expect(try PriceFileFormat(detecting: "[]") == .ailedger)
        for text in [#"{"models": {"gpt-4o": {"input": 2.5}}}"#, "42"] {
            let error = #expect(throws: LedgerError.self) { try PriceFileFormat(detecting: text) }
            #expect(error?.message.contains("--format ailedger") == true && error?.message.contains("--format litellm") == true,
                    "\(error?.message ?? "")")
        }
        #expect(throws: LedgerError.self) { try PriceFileFormat(detecting: "{not json") }
    }

    /// `*_batches`, `*_priority` and `*_flex` become service tiers, each field falling back
    /// to the base one; stored and read back through the price-file form.
    @Test func serviceTierFieldsBecomeServiceTiers() throws {
        let file = """
            {"gpt-5": {"input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-07,
                       "input_cost_per_token_batches": 6.25e-07, "output_cost_per_token_batches": 5e-06,
                       "input_cost_per_token_flex": 6.25e-07, "output_cost_per_token_flex": 5e-06, "cache_read_input_token_cost_flex": 6.25e-08,
                       "input_cost_per_token_priority": 2.5e-06, "output_cost_per_token_priority": 2e-05,
                       "cache_read_input_token_cost_priority": 2.5e-07, "litellm_provider": "openai", "mode": "chat"}}
            """
        let price = try #require(LiteLLMPriceFile(file, effectiveFrom: from).prices.first)
        #expect(Set(price.serviceTiers.keys) == ["batch", "flex", "priority"])
        #expect(price.serviceTiers["batch"]?.cacheRead == Decimal(string: "0.125")!, "no batch cache-read field: the base one")
        #expect(price.serviceTiers["flex"]?.cacheRead == Decimal(string: "0.0625")!)
        let usage = TokenUsage(input: 100_000, output: 10_000, cacheRead: 40_000)
        // flex: 60,000 × 0.625 + 40,000 × 0.0625 + 10,000 × 5 = 37,500 + 2,500 + 50,000 per million
        #expect(price.cost(of: usage, serviceTier: "flex") == Decimal(string: "0.09")!)
        // priority: 60,000 × 2.5 + 40,000 × 0.25 + 10,000 × 20 = 150,000 + 10,000 + 200,000
        #expect(price.cost(of: usage, serviceTier: "priority") == Decimal(string: "0.36")!)
        #expect(price.cost(of: usage, serviceTier: "scale") == nil)
        let stored = try PriceBook(json: PriceBook([price]).jsonText)
        #expect(stored.prices == [price], "the price-file form keeps the tiers")
    }

    /// Long-context rates within a service tier: GPT-5.4's priority prices above 272,000
    /// input tokens (shaped as LiteLLM writes them; the figures are this test's own).
    @Test func serviceTiersHaveLongContextTiersOfTheirOwn() throws {
        let file = """
            {"gpt-5.4": {"input_cost_per_token": 2.5e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 2.5e-07,
                         "input_cost_per_token_above_272k_tokens": 5e-06, "output_cost_per_token_above_272k_tokens": 2.25e-05,
                         "input_cost_per_token_priority": 5e-06, "output_cost_per_token_priority": 3e-05,
                         "cache_read_input_token_cost_priority": 5e-07,
                         "input_cost_per_token_above_272k_tokens_priority": 1e-05,
                         "output_cost_per_token_above_272k_tokens_priority": 4.5e-05,
                         "cache_read_input_token_cost_above_272k_tokens_priority": 1e-06,
                         "litellm_provider": "openai", "mode": "chat"}}
            """
        let price = try #require(LiteLLMPriceFile(file, effectiveFrom: from).prices.first)
        #expect(price.tiers.map(\.aboveInputTokens) == [272_000], "the base tier stays the base's")
        #expect(price.serviceTierContextTiers["priority"]?.map(\.aboveInputTokens) == [272_000])
        let long = TokenUsage(input: 300_000, output: 10_000, cacheRead: 100_000)
        // Priority above 272k: 200,000 × 10 + 100,000 × 1 + 10,000 × 45 = 2,550,000 per million.
        #expect(price.cost(of: long, serviceTier: "priority") == Decimal(string: "2.55")!)
        // Standard above 272k, no cache-read rate in the tier: 300,000 × 5 + 10,000 × 22.5.
        #expect(price.cost(of: long) == Decimal(string: "1.725")!)
        // Priority below it: 100,000 × 5 + 100,000 × 0.5 + 10,000 × 30.
        let short = TokenUsage(input: 200_000, output: 10_000, cacheRead: 100_000)
        #expect(price.cost(of: short, serviceTier: "priority") == Decimal(string: "0.85")!)
        let stored = try PriceBook(json: PriceBook([price]).jsonText)
        #expect(stored.prices == [price], "the price-file form keeps them, under service_tiers.priority.tiers")
        var raised = price
        raised.effectiveFrom = from.addingTimeInterval(86_400)
        raised.serviceTierContextTiers["priority"]![0].rates.output = 50
        #expect(PriceBook([price]).changes(adding: [raised]).first?.differences
              == ["output above 272000 (priority): 45 → 50", "reasoning above 272000 (priority): 45 → 50"], "reasoning follows output")
    }

    /// A threshold past 64 bits is left out, never a crash.
    @Test func aThresholdPast64BitsIsIgnored() throws {
        let file = #"{"m": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "input_cost_per_token_above_9999999999999999k_tokens": 3e-06, "input_cost_per_token_above_8k_tokens": 4e-06}}"#
        let price = try #require(LiteLLMPriceFile(file, effectiveFrom: from).prices.first)
        #expect(price.tiers.map(\.aboveInputTokens) == [8_000])
    }
}
