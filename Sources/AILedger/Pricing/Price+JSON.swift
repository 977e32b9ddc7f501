import Foundation

extension Price {
    /// Reads one entry of a price file; `path` names it in errors.
    init(json: JSONValue, path: String) throws {
        guard case .object(let fields) = json else { throw LedgerError(.invalidPrice, "\(path): must be an object") }
        guard case .string(let model)? = fields["model"], !model.isEmpty else {
            throw LedgerError(.invalidPrice, "\(path).model: a model name or pattern is required")
        }
        let label = "\(path) (\(model))"
        var provider: String?
        if let value = fields["provider"], value != .null {
            guard case .string(let text) = value else { throw LedgerError(.invalidPrice, "\(label).provider: must be a string") }
            provider = text.isEmpty ? nil : text
        }
        guard case .string(let dateText)? = fields["effective_from"],
              let micros = Timestamp.parse(dateText.count == 10 ? dateText + "T00:00:00Z" : dateText) else {
            throw LedgerError(.invalidPrice, "\(label).effective_from: must be a date such as 2025-01-31")
        }
        var source: String?
        if case .string(let text)? = fields["source"] { source = text }
        let tiers = try Self.tiers(fields["tiers"], path: label)
        var serviceTiers: [String: PriceRates] = [:], serviceTierContextTiers: [String: [PriceTier]] = [:]
        if let value = fields["service_tiers"], value != .null {
            guard case .object(let named) = value else {
                throw LedgerError(.invalidPrice, "\(label).service_tiers: must be an object of rates by tier name")
            }
            for (name, rates) in named {
                let tierPath = "\(label).service_tiers.\(name)"
                guard case .object(let rateFields) = rates, !name.isEmpty else {
                    throw LedgerError(.invalidPrice, "\(tierPath): must be an object of rates")
                }
                serviceTiers[name] = try PriceRates(json: rateFields, path: tierPath)
                let contextTiers = try Self.tiers(rateFields["tiers"], path: tierPath)
                if !contextTiers.isEmpty { serviceTierContextTiers[name] = contextTiers }
            }
        }
        self.init(model: model, provider: provider, effectiveFrom: Timestamp.date(microseconds: micros),
                  rates: try PriceRates(json: fields, path: label), tiers: tiers, serviceTiers: serviceTiers,
                  serviceTierContextTiers: serviceTierContextTiers, source: source)
    }

    /// The long-context tiers of a `tiers` array, when there is one.
    private static func tiers(_ value: JSONValue?, path: String) throws -> [PriceTier] {
        guard let value, value != .null else { return [] }
        guard case .array(let list) = value else { throw LedgerError(.invalidPrice, "\(path).tiers: must be an array") }
        return try list.enumerated().map { index, tier in
            let tierPath = "\(path).tiers[\(index)]"
            guard case .object(let tierFields) = tier,
                  case .int(let threshold)? = tierFields["above_input_tokens"], threshold >= 0 else {
                throw LedgerError(.invalidPrice, "\(tierPath).above_input_tokens: must be a non-negative integer")
            }
            return PriceTier(aboveInputTokens: threshold, rates: try PriceRates(json: tierFields, path: tierPath))
        }
    }

    /// `tiers` in the price-file format.
    private static func json(_ tiers: [PriceTier]) -> JSONValue {
        .array(tiers.map { tier in
            var tierFields = tier.rates.json
            tierFields["above_input_tokens"] = .int(tier.aboveInputTokens)
            return .object(tierFields)
        })
    }

    /// The entry in the price-file format.
    package var json: JSONValue {
        var fields = rates.json
        fields["model"] = .string(model)
        if let provider { fields["provider"] = .string(provider) }
        fields["effective_from"] = .string(Timestamp.iso8601(microseconds: Timestamp.microseconds(effectiveFrom)))
        if let source { fields["source"] = .string(source) }
        if !tiers.isEmpty { fields["tiers"] = Self.json(tiers) }
        if !serviceTiers.isEmpty {
            fields["service_tiers"] = .object(Dictionary(uniqueKeysWithValues: serviceTiers.map { name, rates in
                var tierFields = rates.json
                if let contextTiers = serviceTierContextTiers[name], !contextTiers.isEmpty { tierFields["tiers"] = Self.json(contextTiers) }
                return (name, .object(tierFields))
            }))
        }
        return .object(fields)
    }
}
