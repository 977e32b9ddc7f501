/// Tokens a call consumed, in the OpenTelemetry GenAI meaning.
///
/// `input` includes `cacheRead` and `cacheWrite`; `output` includes `reasoning`. The
/// modality counts are parts too: `inputAudio` and `inputImage` of `input` (cached ones
/// included, their cached parts `cacheReadAudio` and `cacheReadImage` also inside
/// `cacheRead`), `outputAudio` and `outputImage` of `output`. What no part names is text.
/// A nil count means the provider did not report it, which is different from zero.
public struct TokenUsage: Sendable, Hashable, Codable {
    /// All prompt tokens, cached ones included.
    public var input: Int64?
    /// All completion tokens, reasoning included.
    public var output: Int64?
    /// Prompt tokens read from the provider's cache (part of `input`).
    public var cacheRead: Int64?
    /// Prompt tokens written to the provider's cache (part of `input`).
    public var cacheWrite: Int64?
    /// The part of `cacheWrite` written to a one-hour cache (Anthropic's longer TTL).
    public var cacheWrite1h: Int64?
    /// Completion tokens spent on hidden reasoning (part of `output`).
    public var reasoning: Int64?
    /// Prompt tokens of audio, cached ones included (part of `input`).
    public var inputAudio: Int64?
    /// Prompt tokens of images, cached ones included (part of `input`).
    public var inputImage: Int64?
    /// The audio tokens among `cacheRead` (part of `inputAudio` too).
    public var cacheReadAudio: Int64?
    /// The image tokens among `cacheRead` (part of `inputImage` too).
    public var cacheReadImage: Int64?
    /// Completion tokens of audio (part of `output`).
    public var outputAudio: Int64?
    /// Completion tokens of images (part of `output`).
    public var outputImage: Int64?

    /// Creates a usage record.
    public init(input: Int64? = nil, output: Int64? = nil, cacheRead: Int64? = nil,
                cacheWrite: Int64? = nil, cacheWrite1h: Int64? = nil, reasoning: Int64? = nil,
                inputAudio: Int64? = nil, inputImage: Int64? = nil, cacheReadAudio: Int64? = nil,
                cacheReadImage: Int64? = nil, outputAudio: Int64? = nil, outputImage: Int64? = nil) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.cacheWrite1h = cacheWrite1h
        self.reasoning = reasoning
        self.inputAudio = inputAudio
        self.inputImage = inputImage
        self.cacheReadAudio = cacheReadAudio
        self.cacheReadImage = cacheReadImage
        self.outputAudio = outputAudio
        self.outputImage = outputImage
    }

    /// Input plus output, when either is known.
    public var total: Int64? {
        guard input != nil || output != nil else { return nil }
        return (input ?? 0) + (output ?? 0)
    }
}
