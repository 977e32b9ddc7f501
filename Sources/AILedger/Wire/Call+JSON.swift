import Foundation

extension Call {
    /// Reads a call from its JSON form: an object whose fields are the column names of
    /// `docs/SCHEMA.md` (`model`, `input_tokens`, `cost_usd`, ...). A missing `id` is made
    /// here (UUIDv7). When the object carries the provider's raw `response` and no token
    /// counts, model, provider and usage are read from it (OpenAI, Anthropic, Gemini), so a
    /// client forwards what the provider returned. Throws `LedgerError.Kind.invalidRecord`
    /// whose message starts with the JSON field at fault, for a wrong type, an unknown field
    /// or a rule `validate()` enforces.
    public init(json: JSONValue) throws {
        var r = try JSONObjectReader(json, what: "call")
        var usage = TokenUsage(input: try r.count("input_tokens"), output: try r.count("output_tokens"),
                               cacheRead: try r.count("cache_read_tokens"), cacheWrite: try r.count("cache_write_tokens"),
                               cacheWrite1h: try r.count("cache_write_1h_tokens"), reasoning: try r.count("reasoning_tokens"),
                               inputAudio: try r.count("input_audio_tokens"), inputImage: try r.count("input_image_tokens"),
                               cacheReadAudio: try r.count("cache_read_audio_tokens"),
                               cacheReadImage: try r.count("cache_read_image_tokens"),
                               outputAudio: try r.count("output_audio_tokens"), outputImage: try r.count("output_image_tokens"))
        var model = try r.string("model"), provider = try r.string("provider"), serviceTier = try r.string("service_tier")
        let response = r.json("response")
        if let response, usage == TokenUsage() {
            do {
                let reported = try ProviderUsage(response: response)
                usage = reported.usage
                model = model ?? reported.model
                provider = provider ?? reported.provider
                serviceTier = serviceTier ?? reported.serviceTier
            } catch let error as LedgerError {
                throw LedgerError.invalid("response", error.message)
            }
        }
        guard let model else { throw LedgerError.invalid("model", "is required (or a provider response that names it)") }
        let createdAt = try r.time("created_at") ?? Date()
        self.init(
            id: try r.uuid("id"), interactionID: try r.uuid("interaction_id"), conversationID: try r.uuid("conversation_id"),
            externalID: try r.string("external_id"), createdAt: createdAt, model: model,
            modelVersion: try r.string("model_version"), provider: provider, callType: try r.string("call_type"),
            status: try r.enumeration("status", Status.self) ?? .success, userID: try r.string("user_id"),
            serviceTier: serviceTier, usage: usage,
            costUSD: try r.decimal("cost_usd"), costSource: try r.enumeration("cost_source", CostSource.self),
            latencyMs: try r.number("latency_ms"), inputText: try r.string("input_text"),
            outputText: try r.string("output_text"), request: r.json("request"), response: response,
            errorCode: try r.string("error_code"), errorMessage: try r.string("error_message"),
            metadata: try r.object("metadata") ?? [:])
        try r.refuseUnknownFields()
        do {
            try validate()
        } catch let error as LedgerError {
            throw Self.inJSONTerms(error)
        }
    }

    /// The call's JSON form, as `init(json:)` reads it: its columns, with the cost as
    /// `cost_usd`, a decimal string, in place of nano-dollars.
    public var json: JSONValue {
        var fields = jsonFields
        fields["cost_nano_usd"] = nil
        if let costUSD { fields["cost_usd"] = .string("\(costUSD)") }
        return .object(fields)
    }

    /// A validation error with the JSON field's name in place of the Swift property's.
    private static func inJSONTerms(_ error: LedgerError) -> LedgerError {
        let names = ["call.usage.input": "input_tokens", "call.usage.output": "output_tokens",
                     "call.usage.cacheRead": "cache_read_tokens", "call.usage.cacheWrite1h": "cache_write_1h_tokens",
                     "call.usage.cacheWrite": "cache_write_tokens", "call.usage.reasoning": "reasoning_tokens",
                     "call.usage.inputAudio": "input_audio_tokens", "call.usage.inputImage": "input_image_tokens",
                     "call.usage.cacheReadAudio": "cache_read_audio_tokens", "call.usage.cacheReadImage": "cache_read_image_tokens",
                     "call.usage.outputAudio": "output_audio_tokens", "call.usage.outputImage": "output_image_tokens",
                     "call.usage": "input_tokens", "call.costUSD": "cost_usd", "call.latencyMs": "latency_ms",
                     "call.createdAt": "created_at", "call.modelVersion": "model_version", "call.callType": "call_type",
                     "call.userID": "user_id", "call.serviceTier": "service_tier", "call.externalID": "external_id", "call.errorCode": "error_code",
                     "call.inputText": "input_text", "call.outputText": "output_text", "call.errorMessage": "error_message",
                     "call.model": "model", "call.provider": "provider", "call.request": "request",
                     "call.response": "response", "call.metadata": "metadata"]
        guard let colon = error.message.firstIndex(of: ":"), let name = names[String(error.message[..<colon])] else { return error }
        return LedgerError(error.kind, name + error.message[colon...])
    }
}
