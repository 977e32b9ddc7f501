import Foundation

extension PriceBook {
    /// What adding `prices` to this book would change, one entry per price, in order: each
    /// compared with the price in force for the same model and provider at its start, by the
    /// rates a call is billed at (an unset cache rate counts as the input rate it falls back to).
    public func changes(adding prices: [Price]) -> [PriceChange] {
        prices.map { price in
            let previous = self.prices
                .filter { $0.model == price.model && $0.provider == price.provider && $0.effectiveFrom <= price.effectiveFrom }
                .max { $0.effectiveFrom < $1.effectiveFrom }
            guard let previous else { return PriceChange(price: price, previous: nil, kind: .added, differences: []) }
            var differences = Self.differences(previous.rates, price.rates, label: "")
            differences += Self.tierDifferences(previous.tiers, price.tiers, label: "")
            for name in Set(previous.serviceTiers.keys).union(price.serviceTiers.keys).sorted() {
                let label = " (\(name))"
                switch (previous.serviceTiers[name], price.serviceTiers[name]) {
                case (let old?, let new?):
                    differences += Self.differences(old, new, label: label)
                    differences += Self.tierDifferences(previous.serviceTierContextTiers[name] ?? [],
                                                        price.serviceTierContextTiers[name] ?? [], label: label)
                case (nil, _?): differences.append("service tier \(name): added")
                case (_?, nil): differences.append("service tier \(name): removed")
                case (nil, nil): break
                }
            }
            return PriceChange(price: price, previous: previous, kind: differences.isEmpty ? .unchanged : .changed,
                               differences: differences)
        }
    }

    /// The differences between two sets of long-context tiers: each tier's rates, and the
    /// tiers added or removed, `label` after each name.
    private static func tierDifferences(_ old: [PriceTier], _ new: [PriceTier], label: String) -> [String] {
        var differences: [String] = []
        for threshold in Set(old.map(\.aboveInputTokens)).union(new.map(\.aboveInputTokens)).sorted() {
            let tierLabel = " above \(threshold)" + label
            switch (old.first { $0.aboveInputTokens == threshold }, new.first { $0.aboveInputTokens == threshold }) {
            case (let was?, let now?): differences += Self.differences(was.rates, now.rates, label: tierLabel)
            case (nil, _?): differences.append("tier\(tierLabel): added")
            case (_?, nil): differences.append("tier\(tierLabel): removed")
            case (nil, nil): break
            }
        }
        return differences
    }

    /// `name: old → new` for each rate a call would be billed at differently.
    private static func differences(_ old: PriceRates, _ new: PriceRates, label: String) -> [String] {
        let modalities = old.setsModalityRates || new.setsModalityRates
        return zip(old.billed(modalities: modalities), new.billed(modalities: modalities)).compactMap { was, now in
            was.1 == now.1 ? nil : "\(was.0)\(label): \(was.1) → \(now.1)"
        }
    }
}
