import AILedger
import Foundation

/// What a span says in the OpenTelemetry GenAI conventions (current and legacy), in
/// OpenInference's and in the Vercel AI SDK's: see docs/OTLP.md, attribute by attribute.
extension OTLPSpan {
    /// The `gen_ai.operation.name` values of a call to a model.
    static let modelOperations: Set<String> = ["chat", "text_completion", "generate_content", "embeddings", "completion"]
    /// The `gen_ai.operation.name` values of a span that groups a trace's calls.
    static let groupOperations: Set<String> = ["invoke_agent", "invoke_workflow"]

    /// The span's own attribute `name`, not its resource's.
    func own(_ name: String) -> OTLPValue? { attributes.last { $0.0 == name }?.1 }

    /// The first of `names` the span carries, as a whole number.
    func count(_ names: String...) -> Int64? {
        for name in names { if let value = own(name)?.integer { return value } }
        return nil
    }

    /// The first of `names` the span carries, as text.
    func text(_ names: String...) -> String? {
        for name in names { if let value = own(name)?.text, !value.isEmpty { return value } }
        return nil
    }

    /// Whether the span is a call to a model: a GenAI inference operation, an OpenInference
    /// `LLM` or `EMBEDDING` span, or (legacy) a span naming `gen_ai.system` and no operation.
    var isModelCall: Bool {
        if let operation = own("gen_ai.operation.name")?.text { return Self.modelOperations.contains(operation) }
        if let kind = own("openinference.span.kind")?.text { return ["LLM", "EMBEDDING"].contains(kind.uppercased()) }
        return own("gen_ai.system") != nil || own("gen_ai.provider.name") != nil
    }

    /// Whether the span groups a trace's calls: an agent or a workflow.
    var isGroup: Bool {
        if let operation = own("gen_ai.operation.name")?.text { return Self.groupOperations.contains(operation) }
        return own("openinference.span.kind")?.text?.uppercased() == "AGENT"
    }

    /// The model that answered, else the one asked.
    var model: String? {
        text("gen_ai.response.model", "gen_ai.request.model", "llm.response.model_name", "llm.model_name", "llm.request.model_name",
             "ai.response.model", "ai.model.id")
    }

    /// The provider, as the price book names it.
    var provider: String? {
        text("gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system", "ai.model.provider").map(Self.provider)
    }

    /// `gen_ai.provider.name`, `gen_ai.system` and OpenInference values as the price book's
    /// providers: `gcp.gemini`, `gcp.vertex_ai` and `gemini` are `google`, `azure.ai.openai`
    /// is `openai`, `mistral_ai` is `mistral`; the AI SDK's `anthropic.messages` is
    /// `anthropic`. Others are kept, in lower case.
    static func provider(_ raw: String) -> String {
        let name = raw.lowercased()
        switch name {
        case "gcp.gemini", "gcp.vertex_ai", "gcp.gen_ai", "gemini", "vertex_ai", "vertexai", "google", "google.generative-ai",
             "google.vertex":
            return "google"
        case "azure.ai.openai", "az.ai.openai", "azure_openai", "azure-openai": return "openai"
        case "mistral_ai", "mistralai": return "mistral"
        case "xai": return "x_ai"
        case "aws", "bedrock", "aws_bedrock": return "aws.bedrock"
        default:
            // The AI SDK names a provider's API after a dot: `openai.chat`, `anthropic.messages`.
            if let dot = name.firstIndex(of: "."), !name.hasPrefix("gcp."), !name.hasPrefix("aws."), !name.hasPrefix("azure."),
               !name.hasPrefix("az."), !name.hasPrefix("ibm.") {
                return provider(String(name[..<dot]))
            }
            return name
        }
    }

    /// The token counts in AILedger's inclusive meaning (input includes cache reads and
    /// writes, output includes reasoning), from whichever spelling the sender used. Counts
    /// reported exclusive of the cache (Anthropic's own, which OpenLIT forwards as they are)
    /// are told apart by the sender, or by input being smaller than the cache counts.
    var usage: TokenUsage {
        var input = count("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt",
                          "ai.usage.inputTokens", "ai.usage.promptTokens")
        var output = count("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion",
                           "ai.usage.outputTokens", "ai.usage.completionTokens")
        let cacheRead = count("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens",
                              "llm.token_count.prompt_details.cache_read", "ai.usage.inputTokenDetails.cacheReadTokens",
                              "ai.usage.cachedInputTokens")
        let cacheWrite = count("gen_ai.usage.cache_write.input_tokens", "gen_ai.usage.cache_creation.input_tokens",
                               "gen_ai.usage.cache_creation_input_tokens", "llm.token_count.prompt_details.cache_write",
                               "ai.usage.inputTokenDetails.cacheWriteTokens")
        let reasoning = count("gen_ai.usage.reasoning.output_tokens", "llm.token_count.completion_details.reasoning",
                              "ai.usage.reasoningTokens", "ai.usage.outputTokenDetails.reasoningTokens")
        // Sums in 128 bits: a sender's counts may be anything; a total past 64 bits is left as
        // sent, for validation to refuse.
        func fit(_ value: Int128) -> Int64? { value >= Int128(Int64.min) && value <= Int128(Int64.max) ? Int64(value) : nil }
        let cached = Int128(cacheRead ?? 0) + Int128(cacheWrite ?? 0)
        if let reported = input {
            if cached > 0 && (Int128(reported) < cached || (scopeName.lowercased().hasPrefix("openlit") && provider == "anthropic")) {
                input = fit(Int128(reported) + cached) ?? reported
            }
        } else if cached > 0 {
            input = fit(cached)  // a sender that counted only the cache: at least that much went in
        }
        if let reported = output, let reasoning, reported < reasoning { output = fit(Int128(reported) + Int128(reasoning)) ?? reported }
        if output == nil, let reasoning { output = reasoning }
        // OpenInference's audio counts, kept when they fit inside the totals (the conversion
        // keeps a span rather than refuse it over a part).
        var inputAudio = count("llm.token_count.prompt_details.audio")
        if let audio = inputAudio, Int128(audio) > Int128(input ?? 0) - cached { inputAudio = nil }
        var outputAudio = count("llm.token_count.completion_details.audio")
        if let audio = outputAudio, Int128(audio) > Int128(output ?? 0) - Int128(reasoning ?? 0) { outputAudio = nil }
        return TokenUsage(input: input, output: output, cacheRead: cacheRead, cacheWrite: cacheWrite, reasoning: reasoning,
                          inputAudio: inputAudio, outputAudio: outputAudio)
    }

    /// The cost the sender computed, in US dollars.
    var cost: Decimal? {
        guard let value = (own("gen_ai.usage.cost") ?? own("llm.cost.total"))?.number, value >= 0 else { return nil }
        return Decimal(string: "\(value)", locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Whether the span failed: an error status or an `error.type`.
    var failed: Bool { statusCode == 2 || own("error.type") != nil }

    /// The exception event's attribute `name`, if the span recorded one.
    func exception(_ name: String) -> String? {
        events.first { $0.name == "exception" }?[name]?.text
    }

    /// The conversation's id in the application, if the span names one.
    var conversationExternalID: String? { text("gen_ai.conversation.id") ?? self["gen_ai.conversation.id"]?.text }

    /// The application user, from the span or its resource.
    var user: String? { text("user.id", "enduser.id", "gen_ai.user.id") ?? (self["user.id"] ?? self["enduser.id"])?.text }

    /// When the span started.
    var start: Date { Date(timeIntervalSince1970: Double(startNanos) / 1e9) }

    /// How long it ran, in milliseconds; nil without both times.
    var durationMs: Double? {
        guard startNanos > 0, endNanos >= startNanos else { return nil }
        return Double(endNanos - startNanos) / 1e6
    }

    /// Lowercase hex of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
