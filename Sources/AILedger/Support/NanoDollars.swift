import Foundation

/// Exact money: a whole number of nano-dollars (10⁻⁹ USD), the unit costs are stored in.
public enum NanoDollars {
    /// The nano-dollar count of `usd`, or nil when it has more than nine decimal places
    /// or does not fit in 64 bits.
    public static func from(usd: Decimal) -> Int64? {
        convert(usd, rounding: false)
    }

    /// The nano-dollar count of `usd` rounded half-to-even to nine decimal places (see
    /// `Decimal.roundedToNanoDollars`), or nil when it does not fit in 64 bits.
    static func rounding(usd: Decimal) -> Int64? {
        convert(usd, rounding: true)
    }

    /// The dollar amount of `nanos` nano-dollars, exactly.
    public static func usd(_ nanos: Int64) -> Decimal {
        Decimal(sign: nanos < 0 ? .minus : .plus, exponent: -9, significand: Decimal(nanos.magnitude))
    }

    /// Reads the decimal's plain text form (`-123.4567`), which `Decimal.description`
    /// always is, in integer arithmetic: nil when the amount is not a number, needs
    /// rounding and `rounding` is false, or does not fit in 64 bits.
    private static func convert(_ usd: Decimal, rounding: Bool) -> Int64? {
        guard usd.isFinite else { return nil }
        let text = usd.description.utf8
        var magnitude: UInt64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var negative = false
        var roundUp = false
        var firstDropped: UInt8?, droppedBeyondFirst = false
        for byte in text {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = byte - UInt8(ascii: "0")
                if seenPoint && fractionDigits == 9 {
                    if firstDropped == nil { firstDropped = digit } else if digit != 0 { droppedBeyondFirst = true }
                    continue
                }
                if seenPoint { fractionDigits += 1 }
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
                guard !overflow1, !overflow2 else { return nil }
                magnitude = sum
            default: return nil
            }
        }
        if let firstDropped, firstDropped != 0 || droppedBeyondFirst {
            guard rounding else { return nil }
            // Half-to-even on the ninth decimal place.
            roundUp = firstDropped > 5 || (firstDropped == 5 && (droppedBeyondFirst || magnitude % 2 == 1))
        }
        for _ in fractionDigits..<9 {
            let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            magnitude = times10
        }
        if roundUp {
            let (sum, overflow) = magnitude.addingReportingOverflow(1)
            guard !overflow else { return nil }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }
}
