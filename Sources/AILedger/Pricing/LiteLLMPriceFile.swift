import Foundation

/// LiteLLM's `model_prices_and_context_window.json` read as ledger prices: each entry with
/// per-token prices becomes a `Price` under the ledger's model and provider names; the rest
/// are counted by why they were left out.
///
/// - Model: the key's last `/` segment (`gemini/gemini-2.5-flash` → `gemini-2.5-flash`,
///   `azure/eu/gpt-5` → `gpt-5`). Bedrock ids keep their region prefix
///   (`us.anthropic.claude-…`): regional prices differ, and `PriceBook.match` falls back
///   from a regional id to the plain one.
/// - Provider: `litellm_provider` mapped by `ledgerProvider(_:)` (`gemini` → `google`,
///   `vertex_ai-*` → `vertex_ai`, `bedrock_converse` → `bedrock`, `azure_ai` → `azure`…).
/// - Rates: input, output, cache read, cache write (5 minutes and `_above_1hr`), reasoning,
///   audio and image tokens (input, cached input, output; an image model with only
///   `output_cost_per_image_token` bills every output token at it), every long-context tier
///   (`*_above_<N>k_tokens`), and the service tiers `batch` (`*_batches`), `priority`
///   (`*_priority`) and `flex` (`*_flex`) with their own long-context tiers
///   (`*_above_272k_tokens_priority`), each field falling back to the base one as LiteLLM
///   bills. Each float is read by its shortest decimal form, so `2.5e-06` is exactly 2.5
///   dollars per million tokens.
/// - When two keys name the same model and provider (`deepseek-chat` and
///   `deepseek/deepseek-chat`, or regional Azure twins), the key with the fewest `/`
///   segments is kept, then the first in code-point order; the others are counted.
public struct LiteLLMPriceFile: Sendable {
    /// The prices read, one per model and provider.
    public var prices: [Price]
    /// Entries left out, by reason: `alias`, `tiered pricing`, or the entry's `mode`
    /// (`image_generation`, `audio_transcription`, `rerank`…) when it has no per-token price.
    public var skipped: [String: Int]
    /// Keys left out because another key named the same model and provider.
    public var duplicates: Int

    /// Reads `text`, pricing every entry from `effectiveFrom`. Throws
    /// `LedgerError.Kind.invalidPrice` naming the entry and field at fault.
    public init(_ text: String, effectiveFrom: Date, source: String? = nil) throws {
        guard case .object(let models)? = try? JSONValue(jsonText: text) else {
            throw LedgerError(.invalidPrice, "the LiteLLM price file must be a JSON object keyed by model")
        }
        var skipped: [String: Int] = [:]
        var chosen: [String: (key: String, price: Price)] = [:]
        var duplicates = 0
        for (key, entry) in models.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) where key != "sample_spec" {
            guard case .object(let fields) = entry else {
                throw LedgerError(.invalidPrice, "litellm[\(key)]: must be an object")
            }
            guard let price = try Self.price(key, fields, effectiveFrom: effectiveFrom,
                                             source: source ?? "LiteLLM model_prices_and_context_window.json") else {
                var reason = "no mode"
                if fields["alias_of"] != nil {
                    reason = "alias"
                } else if fields["tiered_pricing"] != nil {
                    reason = "tiered pricing"
                } else if case .string(let mode)? = fields["mode"] {
                    reason = mode
                }
                skipped[reason, default: 0] += 1
                continue
            }
            let identity = price.model + "\u{0}" + (price.provider ?? "")
            if let kept = chosen[identity] {
                duplicates += 1
                guard Self.segments(key) < Self.segments(kept.key) else { continue }
            }
            chosen[identity] = (key, price)
        }
        prices = chosen.values.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map(\.price)
        self.skipped = skipped
        self.duplicates = duplicates
    }

    /// The ledger's name for a LiteLLM provider: the vendor for a vendor's own API, the
    /// channel for a model sold through a cloud (`bedrock`, `azure`, `vertex_ai`), else
    /// LiteLLM's name unchanged.
    public static func ledgerProvider(_ litellm: String) -> String {
        switch litellm.lowercased() {
        case "openai", "text-completion-openai": "openai"
        case "anthropic": "anthropic"
        case "gemini": "google"
        case "deepseek": "deepseek"
        case "mistral", "codestral", "text-completion-codestral": "mistral"
        case "bedrock", "bedrock_converse", "bedrock_mantle": "bedrock"
        case "azure", "azure_text", "azure_ai": "azure"
        case "cohere", "cohere_chat": "cohere"
        case let name where name.hasPrefix("vertex_ai"): "vertex_ai"
        case let name where name.hasPrefix("fireworks_ai"): "fireworks_ai"
        case let name: name
        }
    }

    /// The number of `/`-separated segments of a key.
    private static func segments(_ key: String) -> Int {
        key.utf8.count { $0 == UInt8(ascii: "/") } + 1
    }

    /// The price of one entry, or nil when it has no input and output price per token.
    private static func price(_ key: String, _ fields: [String: JSONValue], effectiveFrom: Date, source: String) throws -> Price? {
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
        guard fields["alias_of"] == nil, let input = try perMillion("input_cost_per_token") else { return nil }
        // Image models (gpt-image-*) price only image output: every output token is one.
        var output = try perMillion("output_cost_per_token") ?? perMillion("output_cost_per_image_token")
        if output == nil, case .string("embedding")? = fields["mode"] { output = 0 }  // embeddings bill input only
        guard let output else { return nil }
        // Audio and image rates, each field with `suffix` else the base one, as LiteLLM bills.
        func modalities(_ rates: PriceRates, suffix: String = "") throws -> PriceRates {
            var rates = rates
            let fields: [(String, WritableKeyPath<PriceRates, Decimal?>)] = [
                ("input_cost_per_audio_token", \.inputAudio), ("input_cost_per_image_token", \.inputImage),
                ("cache_read_input_audio_token_cost", \.cacheReadAudio), ("cache_read_input_image_token_cost", \.cacheReadImage),
                ("output_cost_per_audio_token", \.outputAudio), ("output_cost_per_image_token", \.outputImage),
            ]
            for (name, path) in fields {
                rates[keyPath: path] = try perMillion(name + suffix) ?? perMillion(name)
            }
            return rates
        }
        // Long-context tiers (`*_above_<N>k_tokens`, then `service` for a service tier's own:
        // `*_above_272k_tokens_priority`), each field else the tier's output.
        func contextTiers(service: String = "", output: Decimal) throws -> [PriceTier] {
            var tiers: [PriceTier] = []
            let ending = "k_tokens" + service
            for name in fields.keys where name.hasPrefix("input_cost_per_token_above_") && name.hasSuffix(ending) {
                let digits = name.dropFirst("input_cost_per_token_above_".count).dropLast(ending.count)
                guard let thousands = Int64(digits), thousands > 0,
                      case let (above, false) = thousands.multipliedReportingOverflow(by: 1_000),
                      let tierInput = try perMillion(name) else { continue }
                let suffix = "_above_\(digits)k_tokens" + service
                tiers.append(PriceTier(aboveInputTokens: above, rates: try modalities(PriceRates(
                    input: tierInput, output: try perMillion("output_cost_per_token" + suffix) ?? output,
                    cacheRead: try perMillion("cache_read_input_token_cost" + suffix),
                    cacheWrite: try perMillion("cache_creation_input_token_cost" + suffix),
                    cacheWrite1h: try perMillion("cache_creation_input_token_cost_above_1hr" + suffix)), suffix: suffix)))
            }
            return tiers
        }
        let tiers = try contextTiers(output: output)
        var provider: String?
        if case .string(let name)? = fields["litellm_provider"] {
            provider = ledgerProvider(name)
        } else if let slash = key.firstIndex(of: "/") {
            provider = ledgerProvider(String(key[..<slash]))
        }
        let model = key.split(separator: "/").last.map(String.init) ?? key
        let base = try modalities(PriceRates(input: input, output: output, cacheRead: try perMillion("cache_read_input_token_cost"),
                                             cacheWrite: try perMillion("cache_creation_input_token_cost"),
                                             cacheWrite1h: try perMillion("cache_creation_input_token_cost_above_1hr"),
                                             reasoning: try perMillion("output_cost_per_reasoning_token")))
        // A service tier's field when it has one, else the base field, as LiteLLM bills;
        // reasoning priced as the base output stays priced as the tier's output.
        var serviceTiers: [String: PriceRates] = [:], serviceTierContextTiers: [String: [PriceTier]] = [:]
        for (suffix, tier) in [("_batches", "batch"), ("_priority", "priority"), ("_flex", "flex")] {
            guard let tierInput = try perMillion("input_cost_per_token" + suffix) else { continue }
            let tierOutput = try perMillion("output_cost_per_token" + suffix) ?? output
            let contextTiers = try contextTiers(service: suffix, output: tierOutput)
            if !contextTiers.isEmpty { serviceTierContextTiers[tier] = contextTiers }
            serviceTiers[tier] = try modalities(PriceRates(
                input: tierInput, output: tierOutput,
                cacheRead: try perMillion("cache_read_input_token_cost" + suffix) ?? base.cacheRead,
                cacheWrite: try perMillion("cache_creation_input_token_cost" + suffix) ?? base.cacheWrite,
                cacheWrite1h: try perMillion("cache_creation_input_token_cost_above_1hr" + suffix) ?? base.cacheWrite1h,
                reasoning: try perMillion("output_cost_per_reasoning_token" + suffix) ?? (base.reasoning == output ? nil : base.reasoning)),
                suffix: suffix)
        }
        return Price(model: model, provider: provider, effectiveFrom: effectiveFrom, rates: base, tiers: tiers,
                     serviceTiers: serviceTiers, serviceTierContextTiers: serviceTierContextTiers, source: source)
    }
}
