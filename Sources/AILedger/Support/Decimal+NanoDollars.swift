import Foundation

extension Decimal {
    /// The amount rounded half-to-even to nine decimal places, the precision costs are stored at.
    public var roundedToNanoDollars: Decimal {
        var input = self
        var result = Decimal()
        NSDecimalRound(&result, &input, 9, .bankers)
        return result
    }
}
