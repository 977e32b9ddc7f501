@testable import AILedger
@testable import AILedgerOTLP
import Foundation
import Testing

/// The OTLP decoder and the GenAI mapping, on requests built here; the live tests send
/// real exporters' requests (OTLPScenario).
@Suite struct OTLPTests {
    static let traceID: [UInt8] = Array(1...16), spanID: [UInt8] = Array(21...28)

    /// An `ExportTraceServiceRequest` of one span with `attributes` (string, int or double).
    static func request(_ attributes: [(String, OTLPValue)], scope: String = "test", parent: [UInt8] = [], status: Int = 0) -> [UInt8] {
        var writer = ProtobufWriter()
        writer.message(1) { resourceSpans in
            resourceSpans.message(1) { resource in
                resource.message(1) { pair in
                    pair.string(1, "service.name")
                    pair.message(2) { $0.string(1, "svc") }
                }
            }
            resourceSpans.message(2) { scopeSpans in
                scopeSpans.message(1) { $0.string(1, scope) }
                scopeSpans.message(2) { span in
                    span.data(1, traceID)
                    span.data(2, spanID)
                    if !parent.isEmpty { span.data(4, parent) }
                    span.string(5, "chat")
                    span.varint(6, 3)
                    span.fixed64(7, 1_767_225_600_000_000_000)
                    span.fixed64(8, 1_767_225_600_250_000_000)
                    for (key, value) in attributes {
                        span.message(9) { pair in
                            pair.string(1, key)
                            pair.message(2) { any in
                                switch value {
                                case .string(let text): any.string(1, text)
                                case .int(let number): any.varint(3, UInt64(bitPattern: number))
                                case .double(let number): any.fixed64(4, number.bitPattern)
                                case .bool(let flag): any.varint(2, flag ? 1 : 0)
                                default: break
                                }
                            }
                        }
                    }
                    if status != 0 { span.message(15) { $0.string(2, "boom"); $0.varint(3, UInt64(status)) } }
                }
            }
        }
        return writer.bytes
    }

    @Test func aProtobufRequestIsRead() throws {
        let traces = try OTLPTraces(protobuf: Self.request([("gen_ai.operation.name", .string("chat")), ("gen_ai.usage.input_tokens", .int(7)),
                                                            ("x", .double(1.5)), ("y", .bool(true))]))
        #expect(traces.spans.count == 1)
        let span = try #require(traces.spans.first)
        #expect(span.traceID == Self.traceID && span.spanID == Self.spanID && span.kind == 3)
        #expect(span.durationMs == 250)
        #expect(span["service.name"] == .string("svc") && span.scopeName == "test")
        #expect(span.own("gen_ai.usage.input_tokens") == .int(7) && span.own("x") == .double(1.5) && span.own("y") == .bool(true))
    }

    @Test func theJSONFormReadsTheSame() throws {
        let json = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},
            "scopeSpans":[{"scope":{"name":"test"},"spans":[{"traceId":"0102030405060708090A0B0C0D0E0F10","spanId":"15161718191a1b1c",
            "name":"chat","kind":3,"startTimeUnixNano":"1767225600000000000","endTimeUnixNano":1767225600250000000,
            "attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},{"key":"gen_ai.usage.input_tokens","value":{"intValue":"7"}},
            {"key":"x","value":{"doubleValue":1.5}},{"key":"y","value":{"boolValue":true}}],"unknownField":{"a":1}}]}]}]}
            """
        let fromJSON = try OTLPTraces(json: JSONValue(jsonText: json))
        let fromProtobuf = try OTLPTraces(protobuf: Self.request([("gen_ai.operation.name", .string("chat")), ("gen_ai.usage.input_tokens", .int(7)),
                                                                  ("x", .double(1.5)), ("y", .bool(true))]))
        #expect(fromJSON == fromProtobuf)
        #expect(fromJSON.records().rejected.map(\.reason) == ["gen_ai.request.model: a model call names its model"])
    }

    @Test(arguments: [
        [0x0a] as [UInt8], [0x0a, 0x05, 0x12], [0x0b], [0x08], [0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
        [0x00, 0x00], [0x0a, 0x02, 0x12, 0x05],
    ])
    func brokenProtobufIsRefused(_ bytes: [UInt8]) {
        #expect(throws: OTLPDecodingError.self) { try OTLPTraces(protobuf: bytes) }
    }

    @Test func deepValuesAreRefused() {
        var nested = ProtobufWriter()
        nested.string(1, "deep")
        for _ in 0..<40 {
            var array = ProtobufWriter()
            array.data(1, nested.bytes)
            var any = ProtobufWriter()
            any.data(5, array.bytes)
            nested = any
        }
        var writer = ProtobufWriter()
        writer.message(1) { $0.message(2) { $0.message(2) { span in span.message(9) { $0.string(1, "k"); $0.data(2, nested.bytes) } } } }
        #expect(throws: OTLPDecodingError.self) { try OTLPTraces(protobuf: writer.bytes) }
    }

    @Test func unknownFieldsAreSkipped() throws {
        var writer = ProtobufWriter()
        writer.varint(99, 5)
        writer.message(1) { resourceSpans in
            resourceSpans.fixed64(77, 1)
            resourceSpans.message(2) { $0.message(2) { $0.string(5, "span"); $0.varint(40, 1) } }
        }
        #expect(try OTLPTraces(protobuf: writer.bytes).spans.map(\.name) == ["span"])
    }

    /// input, output, cache read, cache write, reasoning as sent → as stored.
    @Test(arguments: [
        // The conventions: cache inside input, kept.
        ([("gen_ai.usage.input_tokens", 1_520), ("gen_ai.usage.output_tokens", 50), ("gen_ai.usage.cache_read.input_tokens", 1_000),
          ("gen_ai.usage.cache_creation.input_tokens", 500)], "test", TokenUsage(input: 1_520, output: 50, cacheRead: 1_000, cacheWrite: 500)),
        // Anthropic's own count (smaller than the cache): the cache is added.
        ([("gen_ai.usage.input_tokens", 20), ("gen_ai.usage.output_tokens", 50), ("gen_ai.usage.cache_read.input_tokens", 1_000),
          ("gen_ai.usage.cache_write.input_tokens", 500)], "test", TokenUsage(input: 1_520, output: 50, cacheRead: 1_000, cacheWrite: 500)),
        // OpenLIT, Anthropic: the cache is added even when input is the larger.
        ([("gen_ai.usage.input_tokens", 3_000), ("gen_ai.usage.cache_read.input_tokens", 1_000)], "openlit.otel.tracing",
         TokenUsage(input: 4_000, cacheRead: 1_000)),
        // OpenLIT for OpenAI: OpenAI's counts include the cache.
        ([("gen_ai.usage.input_tokens", 3_000), ("gen_ai.usage.cache_read.input_tokens", 1_000)], "openlit.otel.tracing@openai",
         TokenUsage(input: 3_000, cacheRead: 1_000)),
        // Legacy names.
        ([("gen_ai.usage.prompt_tokens", 1_520), ("gen_ai.usage.completion_tokens", 50), ("gen_ai.usage.cache_read_input_tokens", 1_000),
          ("gen_ai.usage.cache_creation_input_tokens", 500)], "test", TokenUsage(input: 1_520, output: 50, cacheRead: 1_000, cacheWrite: 500)),
        // OpenInference, reasoning inside output.
        ([("llm.token_count.prompt", 500), ("llm.token_count.completion", 100), ("llm.token_count.prompt_details.cache_read", 256),
          ("llm.token_count.completion_details.reasoning", 64)], "test", TokenUsage(input: 500, output: 100, cacheRead: 256, reasoning: 64)),
        // Reasoning outside output: added.
        ([("gen_ai.usage.output_tokens", 10), ("gen_ai.usage.reasoning.output_tokens", 64)], "test", TokenUsage(output: 74, reasoning: 64)),
        // Only cache counts: input is at least their sum.
        ([("gen_ai.usage.cache_read.input_tokens", 30)], "test", TokenUsage(input: 30, cacheRead: 30)),
        // OpenInference's audio counts, kept inside their totals, dropped past them.
        ([("llm.token_count.prompt", 500), ("llm.token_count.completion", 100), ("llm.token_count.prompt_details.audio", 300),
          ("llm.token_count.completion_details.audio", 101)], "test", TokenUsage(input: 500, output: 100, inputAudio: 300)),
        // Counts whose sums pass 64 bits are kept as sent (for validation to refuse), not trapped on.
        ([("gen_ai.usage.input_tokens", 1), ("gen_ai.usage.cache_read.input_tokens", .max),
          ("gen_ai.usage.cache_creation.input_tokens", .max), ("gen_ai.usage.output_tokens", 1),
          ("gen_ai.usage.reasoning.output_tokens", .max)], "test",
         TokenUsage(input: 1, output: 1, cacheRead: .max, cacheWrite: .max, reasoning: .max)),
    ] as [([(String, Int64)], String, TokenUsage)])
    func tokensAreReadInAILedgersMeaning(_ counts: [(String, Int64)], _ scope: String, _ expected: TokenUsage) throws {
        let provider = scope.hasSuffix("@openai") ? "openai" : "anthropic"
        let attributes: [(String, OTLPValue)] = [("gen_ai.operation.name", .string("chat")), ("gen_ai.system", .string(provider)),
                                                 ("gen_ai.request.model", .string("m"))] + counts.map { ($0.0, .int($0.1)) }
        let traces = try OTLPTraces(protobuf: Self.request(attributes, scope: String(scope.split(separator: "@")[0])))
        #expect(traces.spans[0].usage == expected)
    }

    @Test(arguments: [("gcp.gemini", "google"), ("gcp.vertex_ai", "google"), ("azure.ai.openai", "openai"), ("mistral_ai", "mistral"),
                      ("Anthropic", "anthropic"), ("anthropic.messages", "anthropic"), ("openai.chat", "openai"), ("aws.bedrock", "aws.bedrock"),
                      ("groq", "groq")])
    func providersAreThePriceBooks(_ sent: String, _ stored: String) {
        #expect(OTLPSpan.provider(sent) == stored)
    }

    @Test func aSpanBecomesTheSameRecordsEveryTime() throws {
        let bytes = Self.request([("gen_ai.operation.name", .string("chat")), ("gen_ai.provider.name", .string("openai")),
                                  ("gen_ai.request.model", .string("gpt-4o")), ("gen_ai.usage.input_tokens", .int(100)),
                                  ("gen_ai.conversation.id", .string("c-1")), ("gen_ai.input.messages", .string(#"[{"role":"user","content":"hi"}]"#))],
                                 status: 2)
        let first = try OTLPTraces(protobuf: bytes).records(), again = try OTLPTraces(protobuf: bytes).records()
        #expect(first.batch == again.batch)
        #expect(first.batch.calls.count == 1 && first.batch.interactions.count == 1 && first.batch.conversations.count == 1)
        let call = try #require(first.batch.calls.first)
        #expect(call.status == .error && call.errorMessage == "boom")
        #expect(call.interactionID == first.batch.interactions[0].id && call.conversationID == first.batch.conversations[0].id)
        #expect(call.inputText == nil && call.request == nil, "no content without captureContent")
        #expect(try OTLPTraces(protobuf: bytes).records(captureContent: true).batch.calls.first?.inputText == "hi")
    }

    @Test func responsesAreTheSpecifications() throws {
        #expect(OTLPResponse.export(rejectedSpans: 0, message: "", .protobuf).isEmpty)
        #expect(OTLPResponse.export(rejectedSpans: 0, message: "", .json) == Array("{}".utf8))
        #expect(OTLPResponse.export(rejectedSpans: 2, message: "m", .protobuf) == [0x0a, 0x05, 0x08, 0x02, 0x12, 0x01, 0x6d])
        #expect(OTLPResponse.status(code: 3, message: "bad", .protobuf) == [0x08, 0x03, 0x12, 0x03, 0x62, 0x61, 0x64])
        let json = try JSONValue(jsonText: String(decoding: OTLPResponse.export(rejectedSpans: 2, message: "m", .json), as: UTF8.self))
        #expect(json == ["partialSuccess": ["rejectedSpans": "2", "errorMessage": "m"]])
    }
}
