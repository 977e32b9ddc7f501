import Foundation

/// What a model costs, in US dollars per million tokens of each kind.
public struct PriceRates: Sendable, Hashable {
    /// Uncached input (prompt) tokens.
    public var input: Decimal
    /// Output (completion) tokens.
    public var output: Decimal
    /// Input tokens read from the cache; defaults to `input`.
    public var cacheRead: Decimal?
    /// Input tokens written to the cache (the default, short-lived cache); defaults to `input`.
    public var cacheWrite: Decimal?
    /// Input tokens written to a one-hour cache; defaults to `cacheWrite`.
    public var cacheWrite1h: Decimal?
    /// Reasoning tokens; defaults to `output`.
    public var reasoning: Decimal?
    /// Uncached audio input tokens; defaults to `input`.
    public var inputAudio: Decimal?
    /// Uncached image input tokens; defaults to `input`.
    public var inputImage: Decimal?
    /// Audio input tokens read from the cache; defaults to `cacheRead`, then `inputAudio`.
    public var cacheReadAudio: Decimal?
    /// Image input tokens read from the cache; defaults to `cacheRead`, then `inputImage`.
    public var cacheReadImage: Decimal?
    /// Audio output tokens; defaults to `output`.
    public var outputAudio: Decimal?
    /// Image output tokens; defaults to `output`.
    public var outputImage: Decimal?

    /// Creates rates; unset kinds fall back as documented on each property.
    public init(input: Decimal, output: Decimal, cacheRead: Decimal? = nil, cacheWrite: Decimal? = nil,
                cacheWrite1h: Decimal? = nil, reasoning: Decimal? = nil, inputAudio: Decimal? = nil,
                inputImage: Decimal? = nil, cacheReadAudio: Decimal? = nil, cacheReadImage: Decimal? = nil,
                outputAudio: Decimal? = nil, outputImage: Decimal? = nil) {
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

    /// Whether any audio or image rate is set.
    package var setsModalityRates: Bool {
        [inputAudio, inputImage, cacheReadAudio, cacheReadImage, outputAudio, outputImage].contains { $0 != nil }
    }

    /// Each kind of token with the rate it is billed at, its fallbacks applied, in the order
    /// `ailedger prices show` lists them (the name a price file gives the rate, with spaces,
    /// and the rate); the audio and image kinds only with `modalities`.
    package func billed(modalities: Bool) -> [(name: String, rate: Decimal)] {
        let text: [(name: String, rate: Decimal)] = [
            ("input", input), ("output", output), ("cache read", cacheRead ?? input), ("cache write", cacheWrite ?? input),
            ("cache write 1h", cacheWrite1h ?? cacheWrite ?? input), ("reasoning", reasoning ?? output),
        ]
        guard modalities else { return text }
        return text + [
            ("input audio", inputAudio ?? input), ("input image", inputImage ?? input),
            ("cache read audio", cacheReadAudio ?? cacheRead ?? inputAudio ?? input),
            ("cache read image", cacheReadImage ?? cacheRead ?? inputImage ?? input),
            ("output audio", outputAudio ?? output), ("output image", outputImage ?? output),
        ]
    }
}
