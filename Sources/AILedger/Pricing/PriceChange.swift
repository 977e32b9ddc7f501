/// What storing one price would change: a model and provider the book does not price yet,
/// different rates than the price in force at its start, or nothing.
public struct PriceChange: Sendable, Hashable {
    /// How the price compares with the book.
    public enum Kind: String, Sendable, Hashable {
        /// No price for the model and provider is in force at its start.
        case added
        /// A price is in force and bills differently.
        case changed
        /// A price is in force and bills the same.
        case unchanged
    }

    /// The price to store.
    public var price: Price
    /// The price in force for the same model and provider at its start, if any.
    public var previous: Price?
    /// Whether the price is new, bills differently, or bills the same.
    public var kind: Kind
    /// The rates that differ, as `name: old → new` (`input: 2.5 → 3`), for `changed`.
    public var differences: [String]

    /// Creates a change.
    public init(price: Price, previous: Price?, kind: Kind, differences: [String]) {
        self.price = price
        self.previous = previous
        self.kind = kind
        self.differences = differences
    }
}
