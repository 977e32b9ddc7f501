import AILedger
import Foundation

/// Calls the size of real chat completions, about 3 KB each: a 700-byte prompt, a 400-byte
/// completion, the ~1 KB request and the ~800-byte response as the provider returned them,
/// a little metadata; 3% are errors (the provider's error body instead of a completion).
public enum RealisticCalls {
    /// The models the calls name, in turn.
    public static let models = ["gpt-4o", "gpt-4o-mini", "claude-3-5-haiku-20241022", "claude-sonnet-4-20250514"]

    /// `count` calls of user `user`, different for each `seed`.
    public static func make(_ count: Int, user: String, seed: Int) -> [Call] {
        (0..<count).map { n in
            let k = seed * 1_000_003 + n
            let model = models[k % models.count]
            let prompt = String(repeating: "Summarise the customer's order history for the support agent. ", count: 11).prefix(700 - 12)
                + " (case \(k % 100_000))"
            let completion = String(repeating: "The customer placed five orders; two were late. ", count: 8).prefix(400)
            let input = Int64(160 + k % 900), output = Int64(90 + k % 300), cached = Int64(k % 3 == 0 ? 128 : 0)
            let request: JSONValue = [
                "model": .string(model), "temperature": 0.2, "max_tokens": 512, "user": .string(user),
                "messages": [["role": "system", "content": .string(String(prompt.prefix(200)))],
                             ["role": "user", "content": .string(String(prompt))]],
            ]
            let response: JSONValue = [
                "id": .string("chatcmpl-\(k)"), "object": "chat.completion", "created": .int(1_767_225_600 + Int64(k)),
                "model": .string(model),
                "choices": [["index": 0, "finish_reason": "stop",
                             "message": ["role": "assistant", "content": .string(String(completion.prefix(520)))]]],
                "usage": ["prompt_tokens": .int(input), "completion_tokens": .int(output), "total_tokens": .int(input + output),
                          "prompt_tokens_details": ["cached_tokens": .int(cached)]],
            ]
            let failed = k % 33 == 0
            let error: JSONValue = ["error": ["type": "rate_limit_error", "code": "rate_limit_exceeded",
                                              "message": "Rate limit reached for requests per minute. Please try again in 20s."]]
            return Call(model: model, provider: model.hasPrefix("claude") ? "anthropic" : "openai", callType: "support_summary",
                        status: failed ? .error : .success, userID: user,
                        usage: TokenUsage(input: input, output: failed ? 0 : output, cacheRead: cached), latencyMs: Double(300 + k % 2_000),
                        inputText: String(prompt), outputText: failed ? nil : String(completion), request: request,
                        response: failed ? error : response, errorCode: failed ? "rate_limited" : nil,
                        errorMessage: failed ? "Rate limit reached for requests per minute. Please try again in 20s." : nil,
                        metadata: ["app": "support-desk", "region": "eu-west-1", "release": .string("2026.11.\(k % 28 + 1)")])
        }
    }

    /// `calls` as the JSON array a client posts: every field but the id and the time, which
    /// the server makes when the request arrives. (The bodies are made once and sent again
    /// and again: with their own fixed times, every id would fall among a few old
    /// milliseconds and each insert would land at a random place in the table's key, which
    /// is not what a live client's calls do.)
    public static func body(_ calls: [Call]) -> String {
        JSONValue.array(calls.map { call in
            guard case .object(var fields) = call.json else { return call.json }
            fields["id"] = nil
            fields["created_at"] = nil
            return .object(fields)
        }).jsonText
    }
}
