/// The price a call was matched to, and how.
public struct PriceMatch: Sendable, Hashable {
    /// How a model name found its price, in order of precedence.
    public enum Rule: String, Sendable {
        /// The name equals the entry's model.
        case exact
        /// The name is a dated snapshot or alias of the entry's model
        /// (`gpt-4o-2024-08-06`, `claude-3-5-haiku-20241022`, `...-latest`).
        case snapshot
        /// The name matches the entry's `*` pattern.
        case pattern
    }

    /// The matching entry.
    public var price: Price
    /// The rule that found it.
    public var rule: Rule
}
