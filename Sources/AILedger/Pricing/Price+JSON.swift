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
        var tiers: [PriceTier] = []
        if let value = fields["tiers"], value != .null {
            guard case .array(let list) = value else { throw LedgerError(.invalidPrice, "\(label).tiers: must be an array") }
            tiers = try list.enumerated().map { index, tier in
                let tierPath = "\(label).tiers[\(index)]"
                guard case .object(let tierFields) = tier,
                      case .int(let threshold)? = tierFields["above_input_tokens"], threshold >= 0 else {
                    throw LedgerError(.invalidPrice, "\(tierPath).above_input_tokens: must be a non-negative integer")
                }
                return PriceTier(aboveInputTokens: threshold, rates: try PriceRates(json: tierFields, path: tierPath))
            }
        }
        var serviceTiers: [String: PriceRates] = [:]
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
            }
        }
        self.init(model: model, provider: provider, effectiveFrom: Timestamp.date(microseconds: micros),
                  rates: try PriceRates(json: fields, path: label), tiers: tiers, serviceTiers: serviceTiers, source: source)
    }

    /// The entry in the price-file format.
    package var json: JSONValue {
        var fields = rates.json
        fields["model"] = .string(model)
        if let provider { fields["provider"] = .string(provider) }
        fields["effective_from"] = .string(Timestamp.iso8601(microseconds: Timestamp.microseconds(effectiveFrom)))
        if let source { fields["source"] = .string(source) }
        if !tiers.isEmpty {
            fields["tiers"] = .array(tiers.map { tier in
                var tierFields = tier.rates.json
                tierFields["above_input_tokens"] = .int(tier.aboveInputTokens)
                return .object(tierFields)
            })
        }
        if !serviceTiers.isEmpty {
            fields["service_tiers"] = .object(serviceTiers.mapValues { .object($0.json) })
        }
        return .object(fields)
    }
}
