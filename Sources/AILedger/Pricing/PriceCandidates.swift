import Foundation

/// The entries of a price book that name a model, before the call's time picks one.
package struct PriceCandidates: Sendable {
    /// The entries, of every provider and start date.
    let entries: [Price]
    /// The call's provider, lowercased, or as a LiteLLM-style name gives it.
    let provider: String?
    /// The rule that found the entries.
    let rule: PriceMatch.Rule

    /// The entry in force at `date`: entries scoped to the provider first, then unscoped
    /// ones; a call that names no provider falls back to scoped entries too. A call through
    /// one provider never takes another provider's scoped price.
    func inForce(at date: Date) -> PriceMatch? {
        let first = entries.filter { provider == nil ? $0.provider == nil : $0.provider == provider }
        let candidates = first.isEmpty ? entries.filter { provider == nil ? $0.provider != nil : $0.provider == nil } : first
        return candidates.filter { $0.effectiveFrom <= date }.max { $0.effectiveFrom < $1.effectiveFrom }
            .map { PriceMatch(price: $0, rule: rule) }
    }
}
