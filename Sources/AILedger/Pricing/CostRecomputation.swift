import Foundation

/// What `Ledger.recomputeCosts` changed.
public struct CostRecomputation: Sendable, Hashable {
    /// Calls read (every call in the window).
    public var examined: Int = 0
    /// Calls skipped because the caller provided their cost.
    public var provided: Int = 0
    /// Calls whose stored cost or source changed.
    public var updated: Int = 0
    /// Calls that had no cost and now have one.
    public var newlyPriced: Int = 0
    /// Calls that still (or now) match no price.
    public var unpriced: Int = 0
    /// The recomputed calls' total cost before.
    public var costBefore: Decimal = 0
    /// Their total cost after.
    public var costAfter: Decimal = 0
}
