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
            let thresholds = Set(previous.tiers.map(\.aboveInputTokens)).union(price.tiers.map(\.aboveInputTokens)).sorted()
            for threshold in thresholds {
                let label = " above \(threshold)"
                switch (previous.tiers.first { $0.aboveInputTokens == threshold }, price.tiers.first { $0.aboveInputTokens == threshold }) {
                case (let old?, let new?): differences += Self.differences(old.rates, new.rates, label: label)
                case (nil, _?): differences.append("tier\(label): added")
                case (_?, nil): differences.append("tier\(label): removed")
                case (nil, nil): break
                }
            }
            for name in Set(previous.serviceTiers.keys).union(price.serviceTiers.keys).sorted() {
                let label = " (\(name))"
                switch (previous.serviceTiers[name], price.serviceTiers[name]) {
                case (let old?, let new?): differences += Self.differences(old, new, label: label)
                case (nil, _?): differences.append("service tier \(name): added")
                case (_?, nil): differences.append("service tier \(name): removed")
                case (nil, nil): break
                }
            }
            return PriceChange(price: price, previous: previous, kind: differences.isEmpty ? .unchanged : .changed,
                               differences: differences)
        }
    }

    /// `name: old → new` for each rate a call would be billed at differently.
    private static func differences(_ old: PriceRates, _ new: PriceRates, label: String) -> [String] {
        let modalities = old.setsModalityRates || new.setsModalityRates
        return zip(old.billed(modalities: modalities), new.billed(modalities: modalities)).compactMap { was, now in
            was.1 == now.1 ? nil : "\(was.0)\(label): \(was.1) → \(now.1)"
        }
    }
}
