/// Where a stored cost came from.
public enum CostSource: String, Sendable, Codable, CaseIterable {
    /// The caller supplied the cost.
    case provided
    /// AILedger priced the call from its price book.
    case computed
    /// No price matched the model; the cost is unknown, not zero.
    case unpriced
}
