/// Higher rates that apply to a whole call once its prompt exceeds a size (long-context
/// pricing, such as Gemini 2.5 Pro or Claude Sonnet above 200,000 input tokens).
public struct PriceTier: Sendable, Hashable {
    /// The tier applies when a call's input tokens exceed this many.
    public var aboveInputTokens: Int64
    /// The rates in the tier.
    public var rates: PriceRates

    /// Creates a tier.
    public init(aboveInputTokens: Int64, rates: PriceRates) {
        self.aboveInputTokens = aboveInputTokens
        self.rates = rates
    }
}
