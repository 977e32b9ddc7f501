/// What a provider's response says was used: the model, the provider, and the token counts
/// normalised to AILedger's inclusive meaning (cached tokens inside input, reasoning inside
/// output), ready to record.
///
/// ```swift
/// let used = try ProviderUsage(response: JSONValue(jsonText: body))   // any supported provider
/// try await ledger.record(Call(model: used.model ?? "unknown", provider: used.provider, usage: used.usage))
/// ```
public struct ProviderUsage: Sendable, Hashable {
    /// The response shapes AILedger understands.
    public enum Format: String, Sendable, CaseIterable {
        /// OpenAI Chat Completions (`usage.prompt_tokens`, `prompt_tokens_details.cached_tokens`
        /// and `audio_tokens`...).
        case openAIChatCompletions
        /// OpenAI Responses API (`usage.input_tokens`, `input_tokens_details.cached_tokens`...),
        /// and the same usage shape from the Realtime API (`input_token_details`, audio and
        /// image tokens) and the Images API (image tokens).
        case openAIResponses
        /// Anthropic Messages (`usage.input_tokens` excluding cache, `cache_read_input_tokens`,
        /// `cache_creation_input_tokens` with its 5-minute / 1-hour split).
        case anthropicMessages
        /// Google Gemini (`usageMetadata.promptTokenCount`, `cachedContentTokenCount`,
        /// `candidatesTokenCount`, `thoughtsTokenCount`, and the `AUDIO` and `IMAGE` entries of
        /// `promptTokensDetails`, `cacheTokensDetails` and `candidatesTokensDetails`).
        case gemini
        /// OpenTelemetry GenAI span attributes (`gen_ai.usage.*`, `gen_ai.request.model`...).
        case openTelemetry
    }

    /// The model the provider reports (the response's, else the request's).
    public var model: String?
    /// The provider (`openai`, `anthropic`, `google`), from the format or the attributes.
    public var provider: String?
    /// The token counts, normalised.
    public var usage: TokenUsage
    /// The service tier the provider reports running the call at (OpenAI's `service_tier`,
    /// Anthropic's `usage.service_tier`); nil when it reports none.
    public var serviceTier: String?
    /// The shape the counts were read from.
    public var format: Format

    /// Creates a normalised usage.
    public init(model: String?, provider: String?, usage: TokenUsage, serviceTier: String? = nil, format: Format) {
        self.model = model
        self.provider = provider
        self.usage = usage
        self.serviceTier = serviceTier
        self.format = format
    }
}
