import Foundation

/// The price of a model from a date on: base rates, optional long-context tiers, and where
/// the figures came from.
///
/// `model` is a name (`gpt-4o`) or a pattern with `*` (`mistral-large-*`); `provider`, when
/// set, limits the entry to calls recorded with that provider (the same model sold by
/// several providers at different prices).
public struct Price: Sendable, Hashable {
    /// A model name, or a pattern where `*` matches any run of characters.
    public var model: String
    /// The provider the price applies to; nil for any.
    public var provider: String?
    /// The first instant the price is in force.
    public var effectiveFrom: Date
    /// The rates below every tier's threshold.
    public var rates: PriceRates
    /// Long-context tiers, by threshold.
    public var tiers: [PriceTier]
    /// Rates for service tiers other than the standard one, by lowercased name (`batch`,
    /// `flex`, `priority`): a call made at such a tier is billed at them, whatever its size,
    /// and is unpriced when its tier has no rates here.
    public var serviceTiers: [String: PriceRates]
    /// Long-context tiers within a service tier, by the service tier's lowercased name: a
    /// call at that service tier whose input exceeds a threshold is billed at the tier's
    /// rates (OpenAI's priority rates above 272,000 tokens, say).
    public var serviceTierContextTiers: [String: [PriceTier]]
    /// Where the figures come from (a pricing page, a file).
    public var source: String?

    /// Creates a price entry.
    public init(model: String, provider: String? = nil, effectiveFrom: Date, rates: PriceRates,
                tiers: [PriceTier] = [], serviceTiers: [String: PriceRates] = [:],
                serviceTierContextTiers: [String: [PriceTier]] = [:], source: String? = nil) {
        self.model = model.lowercased()
        self.provider = provider?.lowercased()
        self.effectiveFrom = effectiveFrom
        self.rates = rates
        self.tiers = tiers.sorted { $0.aboveInputTokens < $1.aboveInputTokens }
        self.serviceTiers = Dictionary(serviceTiers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.serviceTierContextTiers = Dictionary(
            serviceTierContextTiers.map { ($0.key.lowercased(), $0.value.sorted { $0.aboveInputTokens < $1.aboveInputTokens }) },
            uniquingKeysWith: { first, _ in first })
        self.source = source
    }

    /// Whether `model` contains a `*` wildcard.
    public var isPattern: Bool { model.utf8.contains(UInt8(ascii: "*")) }

    /// The rates that apply to a call with `inputTokens` input tokens.
    public func rates(forInputTokens inputTokens: Int64) -> PriceRates {
        tiers.last(where: { inputTokens > $0.aboveInputTokens })?.rates ?? rates
    }

    /// The names providers give their standard tier, billed at the base rates.
    public static let standardServiceTiers: Set<String> = ["default", "standard", "auto", "on_demand"]

    /// The rates that apply to a call with `inputTokens` input tokens made at `serviceTier`
    /// (nil or a standard name: the base rates and long-context tiers; another name: its
    /// rates, and its own long-context tiers); nil when the tier has no rates.
    public func rates(forInputTokens inputTokens: Int64, serviceTier: String?) -> PriceRates? {
        guard let tier = serviceTier?.lowercased(), !tier.isEmpty, !Self.standardServiceTiers.contains(tier) else {
            return rates(forInputTokens: inputTokens)
        }
        guard let rates = serviceTiers[tier] else { return nil }
        return serviceTierContextTiers[tier]?.last(where: { inputTokens > $0.aboveInputTokens })?.rates ?? rates
    }

    /// The cost of `usage` at this price, rounded half-to-even to the nano-dollar; nil when
    /// the usage reports neither input nor output tokens, or a part larger than its whole.
    ///
    /// Counts are read in the inclusive meaning: cached reads and writes are part of input,
    /// reasoning is part of output, audio and image tokens are parts of either and priced at
    /// their own rates, so each token is priced exactly once.
    public func cost(of usage: TokenUsage) -> Decimal? {
        cost(of: usage, serviceTier: nil)
    }

    /// The cost of `usage` made at `serviceTier`, as `cost(of:)`; nil also when the tier has
    /// no rates in this price.
    public func cost(of usage: TokenUsage, serviceTier: String?) -> Decimal? {
        guard usage.input != nil || usage.output != nil else { return nil }
        let input = usage.input ?? 0
        guard let rates = rates(forInputTokens: input, serviceTier: serviceTier) else { return nil }
        let cacheRead = Int128(usage.cacheRead ?? 0), cacheWrite = Int128(usage.cacheWrite ?? 0)
        let cacheReadAudio = Int128(usage.cacheReadAudio ?? 0), cacheReadImage = Int128(usage.cacheReadImage ?? 0)
        let cacheWrite1h = Int128(usage.cacheWrite1h ?? 0)
        let audio = Int128(usage.inputAudio ?? 0) - cacheReadAudio, image = Int128(usage.inputImage ?? 0) - cacheReadImage
        let reasoning = Int128(usage.reasoning ?? 0), outputAudio = Int128(usage.outputAudio ?? 0)
        let outputImage = Int128(usage.outputImage ?? 0)
        // Each token once: what no part names is text. Parts larger than their whole (which
        // `Call.validate()` refuses) cannot be billed. (Typed with the labels `nanoDollars`
        // takes: an array of unlabelled tuples passed there is cast element by element.)
        let terms: [(tokens: Int128, perMillion: Decimal)] = [
            (Int128(input) - cacheRead - cacheWrite - audio - image, rates.input),
            (audio, rates.inputAudio ?? rates.input), (image, rates.inputImage ?? rates.input),
            (cacheRead - cacheReadAudio - cacheReadImage, rates.cacheRead ?? rates.input),
            (cacheReadAudio, rates.cacheReadAudio ?? rates.cacheRead ?? rates.inputAudio ?? rates.input),
            (cacheReadImage, rates.cacheReadImage ?? rates.cacheRead ?? rates.inputImage ?? rates.input),
            (cacheWrite - cacheWrite1h, rates.cacheWrite ?? rates.input),
            (cacheWrite1h, rates.cacheWrite1h ?? rates.cacheWrite ?? rates.input),
            (Int128(usage.output ?? 0) - reasoning - outputAudio - outputImage, rates.output),
            (reasoning, rates.reasoning ?? rates.output),
            (outputAudio, rates.outputAudio ?? rates.output), (outputImage, rates.outputImage ?? rates.output),
        ]
        guard terms.allSatisfy({ $0.tokens >= 0 && $0.tokens <= Int128(Int64.max) }) else { return nil }
        if var nanos = Self.nanoDollars(terms) {
            // Written as the decimal path writes it: no trailing zeros.
            var exponent = -9
            while nanos != 0 && nanos % 10 == 0 && exponent < 0 {
                nanos /= 10
                exponent += 1
            }
            return Decimal(sign: nanos < 0 ? .minus : .plus, exponent: exponent, significand: Decimal(nanos.magnitude))
        }
        let total = terms.reduce(Decimal(0)) { $0 + Decimal(Int64($1.tokens)) * $1.perMillion }
        return (total / 1_000_000).roundedToNanoDollars
    }

    /// The sum of tokens times dollars per million tokens, rounded half-to-even to the
    /// nano-dollar, in integer arithmetic: the same figure as in decimals, found without
    /// them. nil when a rate has more than nine decimal places or the sum does not fit.
    private static func nanoDollars(_ terms: [(tokens: Int128, perMillion: Decimal)]) -> Int64? {
        var total: Int128 = 0  // in 10⁻¹⁵ dollars: tokens × nano-dollars per million tokens
        for (tokens, rate) in terms where tokens != 0 {
            guard let nanos = NanoDollars.from(usd: rate) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(tokens * Int128(nanos))
            guard !overflow else { return nil }
            total = sum
        }
        let (quotient, remainder) = total.magnitude.quotientAndRemainder(dividingBy: 1_000_000)
        let roundsUp = remainder > 500_000 || (remainder == 500_000 && quotient % 2 == 1)
        let magnitude = quotient + (roundsUp ? 1 : 0)
        guard magnitude <= UInt128(Int64.max) else { return nil }
        return total < 0 ? -Int64(magnitude) : Int64(magnitude)
    }
}
