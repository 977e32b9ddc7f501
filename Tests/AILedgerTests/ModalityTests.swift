@testable import AILedger
import Foundation
import Testing

/// Audio and image tokens: read from each provider's real response shape, checked against
/// their totals, and billed by hand at list prices to the nano-dollar.
@Suite struct ModalityTests {
    static func d(_ text: String) -> Decimal { Decimal(string: text)! }
    static let from = Timestamp.date(microseconds: Timestamp.parse("2025-01-01T00:00:00Z")!)

    @Test func openAIChatCompletionsWithAudio() throws {
        // gpt-4o-audio-preview answering a spoken question with speech.
        let used = try ProviderUsage(response: JSONValue(jsonText: """
            {"id": "chatcmpl-AXSrqvRNx3i7pXqEjBGAgWjyHWrwr", "object": "chat.completion", "created": 1732556634,
             "model": "gpt-4o-audio-preview-2024-12-17",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": null,
                          "audio": {"id": "audio_6744555cc6d4", "data": "", "expires_at": 1732560234, "transcript": "..."}},
                          "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 120, "completion_tokens": 540, "total_tokens": 660,
                       "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 100},
                       "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 500,
                                                     "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}}
            """))
        #expect(used.usage == TokenUsage(input: 120, output: 540, cacheRead: 0, reasoning: 0, inputAudio: 100, outputAudio: 500))
        let price = Price(model: "gpt-4o-audio-preview", effectiveFrom: Self.from, rates: PriceRates(
            input: Self.d("2.5"), output: Self.d("10"), inputAudio: Self.d("40"), outputAudio: Self.d("80")))
        // 20 text × 2.50 + 100 audio × 40 in; 40 text × 10 + 500 audio × 80 out.
        #expect(price.cost(of: used.usage) == Self.d("0.04445"))
    }

    /// OpenAI does not split cached tokens by modality in Chat Completions: cached and audio
    /// tokens together past the prompt must overlap, and that much cached audio is assumed.
    @Test func cachedAudioIsInferredWhereTheCountsForceIt() throws {
        let used = try ProviderUsage(response: JSONValue(jsonText: """
            {"object": "chat.completion", "model": "gpt-4o-audio-preview",
             "usage": {"prompt_tokens": 1000, "completion_tokens": 10,
                       "prompt_tokens_details": {"cached_tokens": 800, "audio_tokens": 500}}}
            """))
        #expect(used.usage == TokenUsage(input: 1_000, output: 10, cacheRead: 800, inputAudio: 500, cacheReadAudio: 300))
        try Call(model: "m", usage: used.usage).validate()
        let price = Price(model: "gpt-4o-audio-preview", effectiveFrom: Self.from, rates: PriceRates(
            input: Self.d("2.5"), output: Self.d("10"), cacheRead: Self.d("1.25"), inputAudio: Self.d("40")))
        // 200 uncached audio × 40 + 500 cached text × 1.25 + 300 cached audio × 1.25 (no cached-audio rate) + 10 × 10.
        #expect(price.cost(of: used.usage) == Self.d("0.0091"))
        #expect(ProviderUsage.cachedMedia(cached: 100, audio: 50, image: 50, input: 1_000) == (nil, nil), "room for all of them")
        #expect(ProviderUsage.cachedMedia(cached: 900, audio: 50, image: 100, input: 1_000) == (50, nil), "audio first")
        #expect(ProviderUsage.cachedMedia(cached: 950, audio: 50, image: 100, input: 1_000) == (50, 50))
    }

    @Test func openAIRealtimeResponseDone() throws {
        let used = try ProviderUsage(response: JSONValue(jsonText: """
            {"type": "response.done", "event_id": "event_3132",
             "response": {"object": "realtime.response", "id": "resp_001", "status": "completed", "output": [],
                          "usage": {"total_tokens": 253, "input_tokens": 132, "output_tokens": 121,
                                    "input_token_details": {"text_tokens": 119, "audio_tokens": 13, "image_tokens": 0,
                                                            "cached_tokens": 64,
                                                            "cached_tokens_details": {"text_tokens": 64, "audio_tokens": 0,
                                                                                      "image_tokens": 0}},
                                    "output_token_details": {"text_tokens": 30, "audio_tokens": 91}}}}
            """))
        #expect(used.format == .openAIResponses)
        #expect(used.usage == TokenUsage(input: 132, output: 121, cacheRead: 64, inputAudio: 13, inputImage: 0,
                                         cacheReadAudio: 0, cacheReadImage: 0, outputAudio: 91))
        let price = Price(model: "gpt-realtime", effectiveFrom: Self.from, rates: PriceRates(
            input: Self.d("4"), output: Self.d("16"), cacheRead: Self.d("0.4"), inputAudio: Self.d("32"),
            cacheReadAudio: Self.d("0.4"), outputAudio: Self.d("64")))
        // 55 text × 4 + 13 audio × 32 + 64 cached × 0.40 + 30 text × 16 + 91 audio × 64.
        #expect(price.cost(of: used.usage) == Self.d("0.0069656"))
    }

    @Test func openAIImagesAPI() throws {
        let used = try ProviderUsage(response: JSONValue(jsonText: """
            {"created": 1713833628, "data": [{"b64_json": ""}],
             "usage": {"total_tokens": 100, "input_tokens": 50, "output_tokens": 50,
                       "input_tokens_details": {"text_tokens": 10, "image_tokens": 40}}}
            """))
        #expect(used.usage == TokenUsage(input: 50, output: 50, inputImage: 40, outputImage: 50))
        // LiteLLM prices gpt-image-1 by its image output rate alone.
        let file = try LiteLLMPriceFile("""
            {"gpt-image-1": {"litellm_provider": "openai", "mode": "image_generation",
                             "input_cost_per_token": 5e-06, "input_cost_per_image_token": 1e-05,
                             "cache_read_input_token_cost": 1.25e-06, "cache_read_input_image_token_cost": 2.5e-06,
                             "output_cost_per_image_token": 4e-05}}
            """, effectiveFrom: Self.from)
        let price = try #require(file.prices.first)
        #expect(price.rates == PriceRates(input: Self.d("5"), output: Self.d("40"), cacheRead: Self.d("1.25"),
                                          inputImage: Self.d("10"), cacheReadImage: Self.d("2.5"), outputImage: Self.d("40")))
        // 10 text × 5 + 40 image × 10 + 50 image × 40.
        #expect(price.cost(of: used.usage) == Self.d("0.00245"))
    }

    @Test func geminiModalitiesWithACachedAudioPrompt() throws {
        let used = try ProviderUsage(response: JSONValue(jsonText: """
            {"candidates": [{"content": {"parts": [{"text": "..."}], "role": "model"}, "finishReason": "STOP"}],
             "usageMetadata": {"promptTokenCount": 10000, "candidatesTokenCount": 200, "totalTokenCount": 10300,
                               "cachedContentTokenCount": 6000, "thoughtsTokenCount": 100,
                               "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 4000},
                                                       {"modality": "AUDIO", "tokenCount": 6000}],
                               "cacheTokensDetails": [{"modality": "TEXT", "tokenCount": 1000},
                                                      {"modality": "AUDIO", "tokenCount": 5000}],
                               "candidatesTokensDetails": [{"modality": "TEXT", "tokenCount": 200}]},
             "modelVersion": "gemini-2.5-flash", "responseId": "mAitaLmkHPPlz7IPvtfUqQ4"}
            """))
        #expect(used.usage == TokenUsage(input: 10_000, output: 300, cacheRead: 6_000, reasoning: 100, inputAudio: 6_000,
                                         cacheReadAudio: 5_000))
        let price = Price(model: "gemini-2.5-flash", provider: "google", effectiveFrom: Self.from, rates: PriceRates(
            input: Self.d("0.3"), output: Self.d("2.5"), cacheRead: Self.d("0.03"), inputAudio: Self.d("1"),
            cacheReadAudio: Self.d("0.1")))
        // 3,000 text × 0.30 + 1,000 audio × 1 + 1,000 cached text × 0.03 + 5,000 cached audio × 0.10 + 300 × 2.50.
        #expect(price.cost(of: used.usage) == Self.d("0.00318"))
    }

    @Test func geminiImageOutput() throws {
        let used = try ProviderUsage(response: JSONValue(jsonText: """
            {"usageMetadata": {"promptTokenCount": 1300, "candidatesTokenCount": 1290, "totalTokenCount": 2590,
                               "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 10}, {"modality": "IMAGE", "tokenCount": 1290}],
                               "candidatesTokensDetails": [{"modality": "IMAGE", "tokenCount": 1290}]},
             "modelVersion": "gemini-2.5-flash-image"}
            """))
        #expect(used.usage == TokenUsage(input: 1_300, output: 1_290, inputImage: 1_290, outputImage: 1_290))
        let price = Price(model: "gemini-2.5-flash-image", effectiveFrom: Self.from, rates: PriceRates(
            input: Self.d("0.3"), output: Self.d("2.5"), outputImage: Self.d("30")))
        // Images in cost the text rate at Gemini: 1,300 × 0.30 + 1,290 × 30.
        #expect(price.cost(of: used.usage) == Self.d("0.03909"))
    }

    @Test(arguments: [
        (#"{"usage": {"prompt_tokens": 10, "completion_tokens": 1, "prompt_tokens_details": {"audio_tokens": 11}}}"#,
         "usage.prompt_tokens_details.audio_tokens exceeds usage.prompt_tokens"),
        (#"{"usageMetadata": {"promptTokenCount": 5, "promptTokensDetails": [{"modality": "AUDIO", "tokenCount": 6}]}}"#,
         "usageMetadata.promptTokensDetails.AUDIO exceeds usageMetadata.promptTokenCount"),
        (#"{"usageMetadata": {"promptTokenCount": 5, "promptTokensDetails": [{"modality": "AUDIO", "tokenCount": "x"}]}}"#,
         "usageMetadata.promptTokensDetails[0].tokenCount: must be a number of tokens"),
        (#"{"type": "response.done", "response": {"usage": {"input_tokens": 5, "output_tokens": 1, "input_token_details": {"audio_tokens": 2, "cached_tokens_details": {"audio_tokens": 3}}}}}"#,
         "usage.input_token_details.cached_tokens_details.audio_tokens exceeds usage.input_token_details.audio_tokens"),
    ])
    func partsLargerThanTheirWholeAreRefusedByName(json: String, message: String) throws {
        let error = try #require(throws: LedgerError.self) { try ProviderUsage(response: JSONValue(jsonText: json)) }
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func callsRefuseModalityCountsOutsideTheirTotals() throws {
        let invalid: [(TokenUsage, String)] = [
            (TokenUsage(input: 100, output: 10, inputAudio: 101), "inputAudio"),
            (TokenUsage(input: 100, output: 10, cacheRead: 60, inputAudio: 50, inputImage: 50, cacheReadAudio: 0), "inputAudio"),
            (TokenUsage(input: 100, output: 10, cacheRead: 10, inputAudio: 5, cacheReadAudio: 6), "cacheReadAudio"),
            (TokenUsage(input: 100, output: 10, cacheRead: 5, inputAudio: 50, inputImage: 50, cacheReadAudio: 3, cacheReadImage: 3),
             "cacheReadAudio"),
            (TokenUsage(input: 100, output: 10, reasoning: 5, outputImage: 6), "outputImage"),
            (TokenUsage(output: 10, inputImage: 1), "inputImage"),
            (TokenUsage(input: 10, output: 10, outputAudio: -1), "outputAudio"),
            (TokenUsage(input: 10, output: 0, inputAudio: 2_000_000_000_000), "inputAudio"),
        ]
        for (usage, field) in invalid {
            let error = try #require(throws: LedgerError.self) { try Call(model: "m", usage: usage).validate() }
            #expect(error.kind == .invalidRecord)
            #expect(error.message.contains(field), "\(usage): \(error.message)")
            // A part larger than its whole is never billed.
            let price = Price(model: "m", effectiveFrom: Self.from, rates: PriceRates(input: 1, output: 1))
            if field != "outputAudio" { #expect(price.cost(of: usage) == nil, "\(usage)") }
        }
        // The JSON form names the JSON field.
        let error = try #require(throws: LedgerError.self) {
            try Call(json: JSONValue(jsonText: #"{"model": "m", "input_tokens": 10, "input_audio_tokens": 11}"#))
        }
        #expect(error.message.hasPrefix("input_audio_tokens:"), "\(error.message)")
    }

    @Test func priceFilesCarryModalityRatesAndDiffsNameThem() throws {
        let book = try PriceBook(json: """
            {"prices": [{"model": "gpt-realtime", "provider": "openai", "effective_from": "2025-08-28",
                         "input": "4", "output": "16", "cache_read": "0.4", "input_audio": "32", "cache_read_audio": "0.4",
                         "output_audio": "64", "input_image": "5", "cache_read_image": "0.5", "output_image": "1"}]}
            """)
        let price = try #require(book.prices.first)
        #expect(price.rates.inputAudio == 32 && price.rates.outputAudio == 64 && price.rates.cacheReadImage == Self.d("0.5"))
        let again = try PriceBook(json: book.jsonText)
        #expect(again.prices == book.prices, "written and read back alike")
        var cheaper = price
        cheaper.effectiveFrom = price.effectiveFrom.addingTimeInterval(86_400)
        cheaper.rates.outputAudio = 48
        let change = try #require(book.changes(adding: [cheaper]).first)
        #expect(change.differences == ["output audio: 64 → 48"])
    }

    @Test func liteLLMModalityFieldsFallBackInTiers() throws {
        let file = try LiteLLMPriceFile("""
            {"gemini/gemini-2.5-flash": {"litellm_provider": "gemini", "mode": "chat",
               "input_cost_per_token": 3e-07, "output_cost_per_token": 2.5e-06, "cache_read_input_token_cost": 3e-08,
               "input_cost_per_audio_token": 1e-06, "cache_read_input_audio_token_cost": 1e-07,
               "input_cost_per_token_batches": 1.5e-07, "output_cost_per_token_batches": 1.25e-06,
               "input_cost_per_audio_token_batches": 5e-07}}
            """, effectiveFrom: Self.from)
        let price = try #require(file.prices.first)
        #expect(price.rates.inputAudio == 1 && price.rates.cacheReadAudio == Self.d("0.1"))
        #expect(price.serviceTiers["batch"]?.inputAudio == Self.d("0.5"))
        #expect(price.serviceTiers["batch"]?.cacheReadAudio == Self.d("0.1"), "a tier without its own field takes the base one")
    }
}
