extension ProviderUsage {
    /// Reads the usage of a streamed response from its events, in order: the final chunk
    /// of OpenAI Chat Completions (`stream_options.include_usage`), the `response.completed`
    /// event of the Responses API, Gemini's last `usageMetadata`, or Anthropic's
    /// `message_start` usage updated by each `message_delta`. The service tier is taken
    /// from whichever event names it.
    public init(stream events: [JSONValue]) throws {
        var anthropic: ProviderUsage?
        var last: ProviderUsage?
        var model: String?, serviceTier: String?
        for event in events {
            guard case .object(let fields) = event else { continue }
            if case .string(let name)? = fields["model"] { model = name }
            if case .string(let tier)? = fields["service_tier"] { serviceTier = tier }  // on every OpenAI chunk
            let type: String? = if case .string(let value)? = fields["type"] { value } else { nil }
            switch type {
            case "message_start":
                anthropic = try ProviderUsage(response: event, format: .anthropicMessages)
            case "message_delta":
                // Counts in a delta are cumulative; take each one given.
                guard var current = anthropic else { continue }
                let delta = try ProviderUsage.anthropicDelta(UsageFields(root: event, label: ""), over: current.usage)
                current.usage = delta
                anthropic = current
            default:
                guard let format = Self.detect(event), format != .anthropicMessages,
                      (try? ProviderUsage(response: event, format: format)) != nil else { continue }
                last = try ProviderUsage(response: event, format: format)
            }
        }
        guard var result = anthropic ?? last else {
            throw LedgerError(.invalidPrice, "no event of the stream carries usage (for OpenAI, request stream_options.include_usage)")
        }
        result.model = result.model ?? model
        result.serviceTier = result.serviceTier ?? serviceTier
        self = result
    }

    /// Reads a stream from its text: server-sent events (`data: {...}` lines, `[DONE]`
    /// ignored) or JSON Lines.
    public init(streamText: String) throws {
        var events: [JSONValue] = []
        for line in streamText.split(whereSeparator: \.isNewline) {
            var text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("data:") { text = String(text.dropFirst(5)).trimmingCharacters(in: .whitespaces) }
            guard text.hasPrefix("{") else { continue }
            events.append(try JSONValue(jsonText: text))
        }
        try self.init(stream: events)
    }

    /// Anthropic's `message_delta` usage laid over the `message_start` counts.
    static func anthropicDelta(_ fields: UsageFields, over start: TokenUsage) throws -> TokenUsage {
        guard fields.value(["usage"]) != nil else { return start }
        let output = try fields.count(["usage", "output_tokens"]) ?? start.output
        let uncached = try fields.count(["usage", "input_tokens"])
        let read = try fields.count(["usage", "cache_read_input_tokens"])
        let written = try fields.count(["usage", "cache_creation_input_tokens"])
        guard uncached != nil || read != nil || written != nil else {
            var usage = start
            usage.output = output
            return usage
        }
        // A delta that restates input counts replaces them.
        let readTotal = read ?? start.cacheRead
        let writeTotal = written ?? start.cacheWrite
        let startUncached = (start.input ?? 0) - (start.cacheRead ?? 0) - (start.cacheWrite ?? 0)
        return TokenUsage(input: try fields.sum(uncached ?? startUncached, readTotal, writeTotal), output: output,
                          cacheRead: readTotal, cacheWrite: writeTotal, cacheWrite1h: start.cacheWrite1h)
    }
}
