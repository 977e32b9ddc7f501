import Foundation

/// Exact money: a whole number of nano-dollars (10⁻⁹ USD), the unit costs are stored in.
public enum NanoDollars {
    private static let scale = Decimal(sign: .plus, exponent: 9, significand: 1)

    /// The nano-dollar count of `usd`, or nil when it has more than nine decimal places
    /// or does not fit in 64 bits.
    public static func from(usd: Decimal) -> Int64? {
        guard usd.isFinite else { return nil }
        let scaled = usd * scale
        var rounded = Decimal()
        var input = scaled
        NSDecimalRound(&rounded, &input, 0, .plain)
        guard rounded == scaled else { return nil }
        return Int64(rounded.description)
    }

    /// The dollar amount of `nanos` nano-dollars, exactly.
    public static func usd(_ nanos: Int64) -> Decimal {
        Decimal(sign: nanos < 0 ? .minus : .plus, exponent: -9, significand: Decimal(nanos.magnitude))
    }
}
