import Foundation

extension PriceBook {
    /// Reads LiteLLM's `model_prices_and_context_window.json` format: per-token USD floats
    /// (`input_cost_per_token`, `cache_read_input_token_cost`,
    /// `input_cost_per_token_above_200k_tokens`...) keyed by model, priced from `effectiveFrom`.
    ///
    /// Each float is read by its shortest decimal form (`2.5e-06` is exactly 2.5 dollars per
    /// million tokens, with no binary noise). Entries without token prices (images, audio)
    /// are skipped. Throws `LedgerError.Kind.invalidPrice` naming the model and field at fault.
    public init(litellm text: String, effectiveFrom: Date, source: String? = nil) throws {
        guard case .object(let models)? = try? JSONValue(jsonText: text) else {
            throw LedgerError(.invalidPrice, "the LiteLLM price file must be a JSON object keyed by model")
        }
        var prices: [Price] = []
        for (key, entry) in models.sorted(by: { $0.key < $1.key }) where key != "sample_spec" {
            guard case .object(let fields) = entry else {
                throw LedgerError(.invalidPrice, "litellm[\(key)]: must be an object")
            }
            func perMillion(_ name: String) throws -> Decimal? {
                guard let value = fields[name], value != .null else { return nil }
                let perToken: Decimal?
                switch value {
                case .int(let number): perToken = Decimal(number)
                case .double(let number): perToken = number.isFinite ? Decimal(string: "\(number)") : nil
                case .string(let text): perToken = Decimal(string: text)
                default: perToken = nil
                }
                guard let perToken, perToken >= 0 else {
                    throw LedgerError(.invalidPrice, "litellm[\(key)].\(name): must be a non-negative number of dollars per token")
                }
                return perToken * 1_000_000
            }
            guard let input = try perMillion("input_cost_per_token"), let output = try perMillion("output_cost_per_token") else {
                continue
            }
            var tiers: [PriceTier] = []
            for (suffix, threshold) in [("_above_128k_tokens", Int64(128_000)), ("_above_200k_tokens", 200_000)] {
                guard let tierInput = try perMillion("input_cost_per_token" + suffix) else { continue }
                tiers.append(PriceTier(aboveInputTokens: threshold, rates: PriceRates(
                    input: tierInput, output: try perMillion("output_cost_per_token" + suffix) ?? output,
                    cacheRead: try perMillion("cache_read_input_token_cost" + suffix),
                    cacheWrite: try perMillion("cache_creation_input_token_cost" + suffix))))
            }
            var model = key
            var provider: String?
            if case .string(let name)? = fields["litellm_provider"] { provider = name }
            if let slash = key.firstIndex(of: "/") {
                provider = String(key[..<slash])
                model = String(key[key.index(after: slash)...])
            }
            prices.append(Price(
                model: model, provider: provider, effectiveFrom: effectiveFrom,
                rates: PriceRates(input: input, output: output, cacheRead: try perMillion("cache_read_input_token_cost"),
                                  cacheWrite: try perMillion("cache_creation_input_token_cost"),
                                  cacheWrite1h: try perMillion("cache_creation_input_token_cost_above_1hr"),
                                  reasoning: try perMillion("output_cost_per_reasoning_token")),
                tiers: tiers, source: source ?? "LiteLLM model_prices_and_context_window.json"))
        }
        self.init(prices)
    }
}
