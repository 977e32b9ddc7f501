extension ProviderUsage {
    /// Reads one response (or one streaming event that carries the final usage) in `format`.
    public init(response: JSONValue, format: Format) throws {
        let fields = UsageFields(root: response, label: "")
        switch format {
        case .openAIChatCompletions:
            let input = try fields.count(["usage", "prompt_tokens"])
            let cached = try fields.count(["usage", "prompt_tokens_details", "cached_tokens"])
            let audio = try fields.count(["usage", "prompt_tokens_details", "audio_tokens"])
            let output = try fields.count(["usage", "completion_tokens"])
            let reasoning = try fields.count(["usage", "completion_tokens_details", "reasoning_tokens"])
            let outputAudio = try fields.count(["usage", "completion_tokens_details", "audio_tokens"])
            for (part, name) in [(cached, "cached_tokens"), (audio, "audio_tokens")] {
                try fields.require(part, ["usage", "prompt_tokens_details", name], within: input, ["usage", "prompt_tokens"])
            }
            for (part, name) in [(reasoning, "reasoning_tokens"), (outputAudio, "audio_tokens")] {
                try fields.require(part, ["usage", "completion_tokens_details", name], within: output, ["usage", "completion_tokens"])
            }
            guard input != nil || output != nil else { throw Self.noUsage(format) }
            let (cachedAudio, _) = Self.cachedMedia(cached: cached, audio: audio, image: nil, input: input)
            self.init(model: fields.string(["model"]), provider: "openai",
                      usage: TokenUsage(input: input, output: output, cacheRead: cached, reasoning: reasoning,
                                        inputAudio: audio, cacheReadAudio: cachedAudio, outputAudio: outputAudio),
                      serviceTier: fields.string(["service_tier"]), format: format)
        case .openAIResponses:
            // A streaming `response.completed` (or Realtime `response.done`) event wraps the response.
            let body = UsageFields(root: fields.value(["response"]) ?? response, label: "")
            self.init(model: body.string(["model"]), provider: "openai",
                      usage: try Self.openAIUsage(body, imagesAPI: fields.value(["data"]) != nil),
                      serviceTier: body.string(["service_tier"]), format: format)
        case .anthropicMessages:
            // `message_start` events wrap the message.
            let body = UsageFields(root: fields.value(["message"]) ?? response, label: "")
            self.init(model: body.string(["model"]), provider: "anthropic",
                      usage: try Self.anthropicUsage(body, path: ["usage"]), serviceTier: body.string(["usage", "service_tier"]),
                      format: format)
        case .gemini:
            let prompt = try fields.count(["usageMetadata", "promptTokenCount"])
            let toolPrompt = try fields.count(["usageMetadata", "toolUsePromptTokenCount"])
            let cached = try fields.count(["usageMetadata", "cachedContentTokenCount"])
            let candidates = try fields.count(["usageMetadata", "candidatesTokenCount"])
            let thoughts = try fields.count(["usageMetadata", "thoughtsTokenCount"])
            try fields.require(cached, ["usageMetadata", "cachedContentTokenCount"], within: prompt, ["usageMetadata", "promptTokenCount"])
            guard prompt != nil || candidates != nil else { throw Self.noUsage(format) }
            // Per-modality counts: of the prompt (cached included), of its cached part, of the candidates.
            func modality(_ list: String, _ name: String, within whole: Int64?, _ wholeName: String) throws -> Int64? {
                let path = ["usageMetadata", list]
                let count = try fields.modalityCount(path, name)
                try fields.require(count, path + [name], within: whole, ["usageMetadata", wholeName])
                return count
            }
            let usage = TokenUsage(
                input: try fields.sum(prompt, toolPrompt), output: try fields.sum(candidates, thoughts), cacheRead: cached,
                reasoning: thoughts,
                inputAudio: try modality("promptTokensDetails", "AUDIO", within: prompt, "promptTokenCount"),
                inputImage: try modality("promptTokensDetails", "IMAGE", within: prompt, "promptTokenCount"),
                cacheReadAudio: try modality("cacheTokensDetails", "AUDIO", within: cached, "cachedContentTokenCount"),
                cacheReadImage: try modality("cacheTokensDetails", "IMAGE", within: cached, "cachedContentTokenCount"),
                outputAudio: try modality("candidatesTokensDetails", "AUDIO", within: candidates, "candidatesTokenCount"),
                outputImage: try modality("candidatesTokensDetails", "IMAGE", within: candidates, "candidatesTokenCount"))
            // Gemini counts thoughts apart from candidates; both are billed as output.
            self.init(model: fields.string(["modelVersion"]), provider: "google", usage: usage, format: format)
        case .openTelemetry:
            guard case .object(let attributes) = response else { throw Self.noUsage(format) }
            func flat(_ key: String) throws -> Int64? { try fields.count([key]) }
            let input = try flat("gen_ai.usage.input_tokens") ?? flat("gen_ai.usage.prompt_tokens")
            let output = try flat("gen_ai.usage.output_tokens") ?? flat("gen_ai.usage.completion_tokens")
            let cacheRead = try flat("gen_ai.usage.cache_read.input_tokens")
            let cacheWrite = try flat("gen_ai.usage.cache_creation.input_tokens")
            let reasoning = try flat("gen_ai.usage.reasoning.output_tokens")
            try fields.require(try fields.sum(cacheRead, cacheWrite), ["gen_ai.usage.cache_read + cache_creation.input_tokens"],
                               within: input, ["gen_ai.usage.input_tokens"])
            try fields.require(reasoning, ["gen_ai.usage.reasoning.output_tokens"], within: output, ["gen_ai.usage.output_tokens"])
            guard input != nil || output != nil else { throw Self.noUsage(format) }
            func text(_ key: String) -> String? { if case .string(let value)? = attributes[key] { value } else { nil } }
            self.init(model: text("gen_ai.response.model") ?? text("gen_ai.request.model"),
                      provider: text("gen_ai.provider.name") ?? text("gen_ai.system"),
                      usage: TokenUsage(input: input, output: output, cacheRead: cacheRead, cacheWrite: cacheWrite, reasoning: reasoning),
                      format: format)
        }
    }

    /// Reads one response, recognising its provider by its shape.
    public init(response: JSONValue) throws {
        guard let format = Self.detect(response) else {
            throw LedgerError(.invalidPrice,
                "no usage found: expected an OpenAI, Anthropic or Gemini response, or OpenTelemetry gen_ai.* attributes")
        }
        try self.init(response: response, format: format)
    }

    /// The format a payload looks like, if any.
    static func detect(_ response: JSONValue) -> Format? {
        guard case .object(let fields) = response else { return nil }
        if fields["usageMetadata"] != nil { return .gemini }
        if fields.keys.contains(where: { $0.hasPrefix("gen_ai.") }) { return .openTelemetry }
        if case .string(let type)? = fields["type"], type.hasPrefix("response.") { return .openAIResponses }
        if case .object(let message)? = fields["message"], message["usage"] != nil { return .anthropicMessages }
        guard case .object(let usage)? = fields["usage"] else { return nil }
        if usage["prompt_tokens"] != nil || usage["completion_tokens"] != nil { return .openAIChatCompletions }
        if usage["cache_read_input_tokens"] != nil || usage["cache_creation_input_tokens"] != nil { return .anthropicMessages }
        if case .string(let type)? = fields["type"], type == "message" || type == "message_delta" { return .anthropicMessages }
        if case .string(let object)? = fields["object"], object == "response" { return .openAIResponses }
        if usage["input_tokens_details"] != nil || usage["output_tokens_details"] != nil { return .openAIResponses }
        if case .array? = fields["data"], fields["created"] != nil { return .openAIResponses }  // the Images API
        return usage["input_tokens"] != nil ? .anthropicMessages : nil
    }

    /// The usage of an OpenAI Responses API response, a Realtime `response.done` event
    /// (`input_token_details`, with the cached tokens' own modality split) or an Images API
    /// response (`imagesAPI`: every output token an image token unless it says otherwise).
    static func openAIUsage(_ body: UsageFields, imagesAPI: Bool) throws -> TokenUsage {
        let inputs = body.value(["usage", "input_token_details"]) != nil ? "input_token_details" : "input_tokens_details"
        let outputs = body.value(["usage", "output_token_details"]) != nil ? "output_token_details" : "output_tokens_details"
        let input = try body.count(["usage", "input_tokens"])
        let output = try body.count(["usage", "output_tokens"])
        func part(_ path: [String], within whole: Int64?, _ wholePath: [String]) throws -> Int64? {
            let count = try body.count(["usage"] + path)
            try body.require(count, ["usage"] + path, within: whole, wholePath)
            return count
        }
        let cached = try part([inputs, "cached_tokens"], within: input, ["usage", "input_tokens"])
        let audio = try part([inputs, "audio_tokens"], within: input, ["usage", "input_tokens"])
        let image = try part([inputs, "image_tokens"], within: input, ["usage", "input_tokens"])
        var cachedAudio = try part([inputs, "cached_tokens_details", "audio_tokens"], within: audio, ["usage", inputs, "audio_tokens"])
        var cachedImage = try part([inputs, "cached_tokens_details", "image_tokens"], within: image, ["usage", inputs, "image_tokens"])
        if cachedAudio == nil, cachedImage == nil {
            (cachedAudio, cachedImage) = cachedMedia(cached: cached, audio: audio, image: image, input: input)
        }
        let reasoning = try part([outputs, "reasoning_tokens"], within: output, ["usage", "output_tokens"])
        let outputAudio = try part([outputs, "audio_tokens"], within: output, ["usage", "output_tokens"])
        var outputImage = try part([outputs, "image_tokens"], within: output, ["usage", "output_tokens"])
        if imagesAPI, body.value(["usage", outputs]) == nil { outputImage = output }
        guard input != nil || output != nil else { throw noUsage(.openAIResponses) }
        return TokenUsage(input: input, output: output, cacheRead: cached, reasoning: reasoning, inputAudio: audio,
                          inputImage: image, cacheReadAudio: cachedAudio, cacheReadImage: cachedImage,
                          outputAudio: outputAudio, outputImage: outputImage)
    }

    /// The audio and image tokens among `cached` when the provider does not split them: as
    /// many as the counts force (cached, audio and image tokens together past `input` must
    /// overlap), audio first; nil when none must be.
    static func cachedMedia(cached: Int64?, audio: Int64?, image: Int64?, input: Int64?) -> (audio: Int64?, image: Int64?) {
        guard let cached, let input else { return (nil, nil) }
        var overlap = min(Int128(cached), Int128(cached) + Int128(audio ?? 0) + Int128(image ?? 0) - Int128(input))
        guard overlap > 0 else { return (nil, nil) }
        let fromAudio = min(overlap, Int128(audio ?? 0))
        overlap -= fromAudio
        let fromImage = min(overlap, Int128(image ?? 0))
        return (fromAudio > 0 ? Int64(fromAudio) : nil, fromImage > 0 ? Int64(fromImage) : nil)
    }

    /// Anthropic reports cache reads and writes outside `input_tokens`: add them in, once.
    static func anthropicUsage(_ fields: UsageFields, path: [String]) throws -> TokenUsage {
        let uncached = try fields.count(path + ["input_tokens"])
        let read = try fields.count(path + ["cache_read_input_tokens"])
        let fiveMinutes = try fields.count(path + ["cache_creation", "ephemeral_5m_input_tokens"])
        let oneHour = try fields.count(path + ["cache_creation", "ephemeral_1h_input_tokens"])
        let written = try fields.count(path + ["cache_creation_input_tokens"]) ?? fields.sum(fiveMinutes, oneHour)
        try fields.require(try fields.sum(fiveMinutes, oneHour), path + ["cache_creation"], within: written,
                           path + ["cache_creation_input_tokens"])
        let output = try fields.count(path + ["output_tokens"])
        guard uncached != nil || output != nil else { throw noUsage(.anthropicMessages) }
        return TokenUsage(input: try fields.sum(uncached, read, written), output: output, cacheRead: read, cacheWrite: written,
                          cacheWrite1h: oneHour)
    }

    static func noUsage(_ format: Format) -> LedgerError {
        LedgerError(.invalidPrice, "the \(format.rawValue) payload has no usage (no input or output token count)")
    }
}
