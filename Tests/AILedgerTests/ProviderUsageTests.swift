@testable import AILedger
import Foundation
import Testing

/// Real response shapes from each provider's API reference, normalised once and billed by
/// hand at the bundled prices.
@Suite struct ProviderUsageTests {
    let at = Timestamp.date(microseconds: Timestamp.parse("2025-11-01T00:00:00Z")!)

    func bill(_ used: ProviderUsage) throws -> Decimal? {
        let model = try #require(used.model)
        let price = try #require(PriceBook.bundled.match(model: model, provider: used.provider, at: at)?.price)
        return price.cost(of: used.usage)
    }

    @Test func openAIChatCompletionWithCachedAndReasoningTokens() throws {
        let response = try JSONValue(jsonText: """
            {"id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", "object": "chat.completion", "created": 1741570283,
             "model": "o3-mini-2025-01-31",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "..."}, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 2006, "completion_tokens": 300, "total_tokens": 2306,
                       "prompt_tokens_details": {"cached_tokens": 1920, "audio_tokens": 0},
                       "completion_tokens_details": {"reasoning_tokens": 192, "audio_tokens": 0,
                                                     "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}},
             "service_tier": "default"}
            """)
        let used = try ProviderUsage(response: response)
        #expect(used.format == .openAIChatCompletions)
        #expect(used.usage == TokenUsage(input: 2006, output: 300, cacheRead: 1920, reasoning: 192, inputAudio: 0, outputAudio: 0))
        #expect(used.serviceTier == "default")
        // o3-mini: 86 uncached × 1.10 + 1,920 cached × 0.55 + 300 output (reasoning included) × 4.40
        #expect(try bill(used) == Decimal(string: "0.0024706"))
    }

    @Test func openAIResponsesAPI() throws {
        let response = try JSONValue(jsonText: """
            {"id": "resp_67ccd3a9da748190baa7f1570fe91ac6", "object": "response", "created_at": 1741476777,
             "status": "completed", "model": "o4-mini-2025-04-16", "output": [],
             "usage": {"input_tokens": 328, "input_tokens_details": {"cached_tokens": 0},
                       "output_tokens": 1052, "output_tokens_details": {"reasoning_tokens": 896}, "total_tokens": 1380}}
            """)
        let used = try ProviderUsage(response: response)
        #expect(used.format == .openAIResponses)
        #expect(used.usage == TokenUsage(input: 328, output: 1052, cacheRead: 0, reasoning: 896))
        // o4-mini: 328 × 1.10 + 1,052 × 4.40
        #expect(try bill(used) == Decimal(string: "0.0049896"))
    }

    @Test func anthropicCacheTokensAreAddedToInputOnceWithTheTTLSplit() throws {
        let response = try JSONValue(jsonText: """
            {"id": "msg_013Zva2CMHLNnXjNJJKqJ2EF", "type": "message", "role": "assistant",
             "model": "claude-sonnet-4-20250514", "content": [{"type": "text", "text": "Hi"}],
             "stop_reason": "end_turn", "stop_sequence": null,
             "usage": {"input_tokens": 50, "cache_creation_input_tokens": 2000, "cache_read_input_tokens": 10000,
                       "cache_creation": {"ephemeral_5m_input_tokens": 1500, "ephemeral_1h_input_tokens": 500},
                       "output_tokens": 800, "service_tier": "standard"}}
            """)
        let used = try ProviderUsage(response: response)
        #expect(used.format == .anthropicMessages)
        #expect(used.usage == TokenUsage(input: 12_050, output: 800, cacheRead: 10_000, cacheWrite: 2_000, cacheWrite1h: 500))
        // 50 × 3 + 10,000 × 0.30 + 1,500 × 3.75 + 500 × 6 + 800 × 15
        #expect(try bill(used) == Decimal(string: "0.023775"))
    }

    @Test func anthropicAboveTheLongContextThreshold() throws {
        let response: JSONValue = ["type": "message", "model": "claude-sonnet-4-20250514",
                                   "usage": ["input_tokens": 150_000, "cache_read_input_tokens": 60_000, "output_tokens": 1_000]]
        let used = try ProviderUsage(response: response)
        #expect(used.usage.input == 210_000)
        // Above 200,000 input tokens: 150,000 × 6 + 60,000 × 0.60 + 1,000 × 22.50
        #expect(try bill(used) == Decimal(string: "0.9585"))
    }

    @Test func geminiThoughtsAreOutputAndTheLongContextTierApplies() throws {
        let response = try JSONValue(jsonText: """
            {"candidates": [{"content": {"parts": [{"text": "..."}], "role": "model"}, "finishReason": "STOP"}],
             "usageMetadata": {"promptTokenCount": 250000, "candidatesTokenCount": 1000, "totalTokenCount": 253000,
                               "cachedContentTokenCount": 100000, "thoughtsTokenCount": 2000,
                               "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 250000}]},
             "modelVersion": "gemini-2.5-pro", "responseId": "mCVgaKrDLpWnz7IP"}
            """)
        let used = try ProviderUsage(response: response)
        #expect(used.format == .gemini)
        #expect(used.usage == TokenUsage(input: 250_000, output: 3_000, cacheRead: 100_000, reasoning: 2_000))
        // Above 200k: 150,000 × 2.50 + 100,000 × 0.625 + 3,000 × 15
        #expect(try bill(used) == Decimal(string: "0.4825"))
        let flash: JSONValue = ["modelVersion": "gemini-2.5-flash",
                                "usageMetadata": ["promptTokenCount": 1_200, "candidatesTokenCount": 300, "thoughtsTokenCount": 500]]
        // 1,200 × 0.30 + 800 × 2.50
        #expect(try bill(try ProviderUsage(response: flash)) == Decimal(string: "0.00236"))
    }

    @Test func openTelemetryGenAIAttributes() throws {
        let attributes: JSONValue = [
            "gen_ai.operation.name": "chat", "gen_ai.provider.name": "anthropic", "gen_ai.request.model": "claude-3-5-haiku",
            "gen_ai.response.model": "claude-3-5-haiku-20241022", "gen_ai.usage.input_tokens": 3_000,
            "gen_ai.usage.output_tokens": 200, "gen_ai.usage.cache_read.input_tokens": 2_000,
            "gen_ai.usage.cache_creation.input_tokens": 500,
        ]
        let used = try ProviderUsage(response: attributes)
        #expect(used.format == .openTelemetry)
        #expect(used.model == "claude-3-5-haiku-20241022" && used.provider == "anthropic")
        // 500 uncached × 0.80 + 2,000 × 0.08 + 500 written × 1.00 + 200 × 4
        #expect(try bill(used) == Decimal(string: "0.00186"))
    }

    @Test func streamsTakeTheUsageFromTheirLastEvents() throws {
        let openAI = """
            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","model":"gpt-4o-mini-2024-07-18","service_tier":"flex","choices":[{"index":0,"delta":{"content":"Hi"}}],"usage":null}

            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","model":"gpt-4o-mini-2024-07-18","choices":[],"usage":{"prompt_tokens":1000,"completion_tokens":50,"total_tokens":1050,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}

            data: [DONE]
            """
        let chat = try ProviderUsage(streamText: openAI)
        #expect(chat.usage == TokenUsage(input: 1_000, output: 50, cacheRead: 0, reasoning: 0))
        #expect(chat.serviceTier == "flex", "the tier of a chunk before the usage chunk")
        #expect(try bill(chat) == Decimal(string: "0.00018"))

        let anthropic = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022","content":[],"usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":1000,"output_tokens":1,"service_tier":"priority"}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":150}}

            event: message_stop
            data: {"type":"message_stop"}
            """
        let claude = try ProviderUsage(streamText: anthropic)
        #expect(claude.usage == TokenUsage(input: 1_025, output: 150, cacheRead: 1_000, cacheWrite: 0))
        #expect(claude.serviceTier == "priority")
        // 25 × 0.80 + 1,000 × 0.08 + 150 × 4
        #expect(try bill(claude) == Decimal(string: "0.0007"))

        let responses = """
            {"type":"response.created","response":{"id":"resp_1","object":"response","model":"o4-mini-2025-04-16","usage":null}}
            {"type":"response.completed","response":{"id":"resp_1","object":"response","model":"o4-mini-2025-04-16","usage":{"input_tokens":10,"input_tokens_details":{"cached_tokens":0},"output_tokens":20,"output_tokens_details":{"reasoning_tokens":5},"total_tokens":30}}}
            """
        #expect(try ProviderUsage(streamText: responses).usage == TokenUsage(input: 10, output: 20, cacheRead: 0, reasoning: 5))

        let gemini: [JSONValue] = [
            ["modelVersion": "gemini-2.0-flash", "usageMetadata": ["promptTokenCount": 100, "totalTokenCount": 100]],
            ["modelVersion": "gemini-2.0-flash", "usageMetadata": ["promptTokenCount": 100, "candidatesTokenCount": 40]],
        ]
        #expect(try ProviderUsage(stream: gemini).usage == TokenUsage(input: 100, output: 40))
    }

    @Test(arguments: [
        (#"{"model": "gpt-4o", "usage": {"prompt_tokens": -3, "completion_tokens": 1}}"#, "usage.prompt_tokens"),
        (#"{"model": "gpt-4o", "usage": {"prompt_tokens": 1e30, "completion_tokens": 1}}"#, "usage.prompt_tokens"),
        (#"{"model": "gpt-4o", "usage": {"prompt_tokens": 10, "completion_tokens": 1, "prompt_tokens_details": {"cached_tokens": 11}}}"#,
         "usage.prompt_tokens_details.cached_tokens"),
        (#"{"model": "gpt-4o", "usage": {"prompt_tokens": "ten", "completion_tokens": 1}}"#, "usage.prompt_tokens"),
        (#"{"type": "message", "usage": {"input_tokens": 1, "cache_creation_input_tokens": 10, "cache_creation": {"ephemeral_1h_input_tokens": 11}, "output_tokens": 1}}"#,
         "usage.cache_creation"),
        (#"{"usageMetadata": {"promptTokenCount": 5, "cachedContentTokenCount": 6}}"#, "usageMetadata.cachedContentTokenCount"),
        (#"{"id": "x", "choices": []}"#, "no usage found"),
    ])
    func badUsageNamesTheField(_ text: String, _ field: String) throws {
        let error = #expect(throws: LedgerError.self) { _ = try ProviderUsage(response: JSONValue(jsonText: text)) }
        #expect(error?.kind == .invalidPrice)
        #expect(error?.message.contains(field) == true, "\(error?.message ?? "")")
    }

    /// The tier each provider reports running a call at, and the call a response records
    /// billed at that tier's rates.
    @Test func serviceTiersAreReadAndBilled() throws {
        let flex = try ProviderUsage(response: JSONValue(jsonText: """
            {"id": "resp_1", "object": "response", "model": "o3-2025-04-16", "service_tier": "flex", "output": [],
             "usage": {"input_tokens": 1000, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": 500,
                       "output_tokens_details": {"reasoning_tokens": 400}, "total_tokens": 1500}}
            """))
        #expect(flex.serviceTier == "flex" && flex.format == .openAIResponses)
        let batch = try ProviderUsage(response: JSONValue(jsonText: """
            {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-20250514", "content": [],
             "usage": {"input_tokens": 2000, "output_tokens": 100, "cache_read_input_tokens": 0,
                       "cache_creation_input_tokens": 0, "service_tier": "batch"}}
            """))
        #expect(batch.serviceTier == "batch" && batch.provider == "anthropic")
        let gemini = try ProviderUsage(response: JSONValue(jsonText: """
            {"modelVersion": "gemini-2.5-flash", "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 5}}
            """))
        #expect(gemini.serviceTier == nil, "Gemini reports its tier in a header, not the body")

        let book = PriceBook([Price(model: "claude-sonnet-4", provider: "anthropic", effectiveFrom: at,
                                    rates: PriceRates(input: 3, output: 15),
                                    serviceTiers: ["batch": PriceRates(input: Decimal(string: "1.5")!, output: Decimal(string: "7.5")!)])])
        let call = try Call(json: .object(["model": "claude-sonnet-4-20250514", "created_at": .string("2025-11-02T00:00:00Z"),
                                           "response": JSONValue(jsonText: """
            {"model": "claude-sonnet-4-20250514", "usage": {"input_tokens": 2000, "output_tokens": 100, "service_tier": "batch"}}
            """)]))
        #expect(call.serviceTier == "batch")
        // 2,000 × 1.5 + 100 × 7.5 = 3,750 per million
        #expect(call.priced(with: book).costUSD == Decimal(string: "0.00375"))
        var priority = call
        priority.serviceTier = "priority"
        #expect(priority.priced(with: book).costSource == .unpriced, "a tier the price does not name is unpriced")
        priority.serviceTier = "standard"
        #expect(priority.priced(with: book).costUSD == Decimal(string: "0.0075"), "standard is the base rates")
        #expect(try Call(json: call.json).serviceTier == "batch", "the JSON form carries the tier")
    }
}
