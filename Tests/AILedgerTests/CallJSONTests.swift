@testable import AILedger
import Foundation
import Testing

/// The call's JSON wire format: what the server and `ailedger ingest` read.
@Suite struct CallJSONTests {
    @Test func aCallRoundTripsThroughItsJSON() throws {
        let call = Call(interactionID: UUID(), conversationID: UUID(), externalID: "ext-1",
                        createdAt: Timestamp.date(microseconds: 1_700_000_000_123_456), model: "gpt-4o", modelVersion: "2024-08-06",
                        provider: "openai", callType: "summarize", status: .error, userID: "u-1",
                        usage: TokenUsage(input: 1_200, output: 300, cacheRead: 1_024, cacheWrite: 10, cacheWrite1h: 5, reasoning: 20),
                        costUSD: Decimal(string: "0.000228")!, costSource: .provided, latencyMs: 840.5, inputText: "in", outputText: "out",
                        request: ["messages": []], response: ["id": "x"], errorCode: "timeout", errorMessage: "too slow",
                        metadata: ["team": "search"])
        let text = call.json.jsonText
        #expect(try Call(json: JSONValue(jsonText: text)) == call)
    }

    @Test func aProviderResponseFillsModelAndUsage() throws {
        let call = try Call(json: ["response": ["model": "claude-3-5-haiku", "type": "message",
                                                "usage": ["input_tokens": 20, "cache_read_input_tokens": 1_000, "output_tokens": 50]]])
        #expect(call.model == "claude-3-5-haiku")
        #expect(call.provider == "anthropic")
        #expect(call.usage == TokenUsage(input: 1_020, output: 50, cacheRead: 1_000, cacheWrite: nil))
    }

    static let badFields: [(JSONValue, String)] = {
        var cases: [(JSONValue, String)] = []
        cases.append((["model": "m", "inptu_tokens": 5] as JSONValue, "inptu_tokens: is not a known field"))
        cases.append((["model": 5] as JSONValue, "model: must be a string"))
        cases.append((["input_tokens": 5] as JSONValue, "model: is required (or a provider response that names it)"))
        cases.append((["model": "m", "input_tokens": -5] as JSONValue, "input_tokens: must not be negative"))
        cases.append((["model": "m", "cache_read_tokens": 5] as JSONValue, "input_tokens: is required when cached tokens are given: input tokens include them"))
        cases.append((["model": "m", "cost_usd": "lots"] as JSONValue, "cost_usd: must be a decimal number, best sent as a string"))
        cases.append((["model": "m", "created_at": "yesterday"] as JSONValue, "created_at: must be an ISO-8601 UTC time such as 2025-03-14T05:06:07.123Z"))
        cases.append((["model": "m", "id": "42"] as JSONValue, "id: must be a UUID"))
        cases.append((["model": "m", "status": "fine"] as JSONValue, "status: is not one of the accepted values"))
        cases.append((["model": "m", "response": ["nothing": true]] as JSONValue, "response: no usage found: expected an OpenAI, Anthropic or Gemini response, or OpenTelemetry gen_ai.* attributes"))
        cases.append(([1, 2] as JSONValue, "call: must be a JSON object"))
        return cases
    }()

    @Test(arguments: badFields)
    func badFieldsAreNamed(_ json: JSONValue, _ message: String) {
        let error = #expect(throws: LedgerError.self) { _ = try Call(json: json) }
        #expect(error?.kind == .invalidRecord)
        #expect(error?.message == message)
    }

    @Test func costsSentAsNumbersOrStringsAreExact() throws {
        #expect(try Call(json: ["model": "m", "cost_usd": "0.1"]).costUSD == Decimal(string: "0.1"))
        #expect(try Call(json: ["model": "m", "cost_usd": 0.1]).costUSD == Decimal(string: "0.1"))
        #expect(try Call(json: ["model": "m", "cost_usd": 3]).costUSD == 3)
    }
}
