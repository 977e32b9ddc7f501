import Foundation
import Synchronization

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

    /// Whether `usd` rounds to a positive, storable number of nano-dollars: the check every
    /// priced call passes, inline, reading the decimal's storage when `readingStorage`
    /// (`readsStorage`, known to the caller).
    @inline(__always)
    static func isPositive(_ usd: Decimal, readingStorage: Bool) -> Bool {
        if readingStorage, let parts = storedParts(usd) { return (scaled(parts, rounding: true) ?? 0) > 0 }
        return (rounding(usd: usd) ?? 0) > 0
    }

    /// The dollar amount of `nanos` nano-dollars, exactly.
    public static func usd(_ nanos: Int64) -> Decimal {
        Decimal(sign: nanos < 0 ? .minus : .plus, exponent: -9, significand: Decimal(nanos.magnitude))
    }

    /// nil when the amount is not a number, needs rounding and `rounding` is false, or does
    /// not fit in 64 bits.
    private static func convert(_ usd: Decimal, rounding: Bool) -> Int64? {
        // The usual case, read from the decimal's storage without a call into Foundation.
        if let parts = parts(usd) { return scaled(parts, rounding: rounding) }
        guard usd.isFinite else { return nil }
        return parsed(usd, rounding: rounding)
    }

    private typealias Parts = (negative: Bool, exponent: Int, mantissa: UInt64)

    /// The sign, exponent and mantissa of a decimal whose mantissa fits in 64 bits, read
    /// from its storage (swift-foundation's: an exponent byte, a flags byte with the length
    /// in its top four bits and the sign below them, then eight 16-bit mantissa words); nil
    /// otherwise, or when decimals are not stored that way here.
    private static func parts(_ value: Decimal) -> Parts? {
        guard readsStorage else { return nil }
        return storedParts(value)
    }

    @inline(__always)
    private static func storedParts(_ value: Decimal) -> Parts? {
        withUnsafeBytes(of: value) { raw -> Parts? in
            guard raw.count >= 20 else { return nil }
            let header = raw.loadUnaligned(as: UInt32.self)
            let length = Int(header >> 12 & 0xF)
            // NaN has no mantissa words and the sign set: left to Foundation.
            guard length <= 4, length > 0 || header >> 11 & 1 == 0 else { return nil }
            var mantissa: UInt64 = 0
            for word in 0..<length {
                mantissa |= UInt64(raw.loadUnaligned(fromByteOffset: 4 + 2 * word, as: UInt16.self)) << (16 * word)
            }
            return (header >> 11 & 1 == 1, Int(Int8(truncatingIfNeeded: header)), mantissa)
        }
    }

    /// Whether decimals are stored as `parts` expects, checked once on known values; if
    /// not, amounts are read from their text, exactly but more slowly.
    static var readsStorage: Bool {
        // An atomic byte, initialised statically (0: not checked yet, 1: yes, 2: no), rather
        // than a lazy `static let`: on Linux, reading one calls into the runtime each time,
        // which a call validated after an idle spell pays for on the recording path.
        switch storageLayout.load(ordering: .relaxed) {
        case 1: return true
        case 2: return false
        default:
            let reads = probeStorage()
            storageLayout.store(reads ? 1 : 2, ordering: .relaxed)
            return reads
        }
    }

    private static let storageLayout = Atomic<UInt8>(0)

    @inline(never)
    private static func probeStorage() -> Bool {
        let samples: [(String, Parts)] = [("-123.45", (true, -2, 12_345)), ("0.000042", (false, -6, 42)),
                                          ("1099511627777", (false, 0, 1_099_511_627_777)), ("7", (false, 0, 7))]
        return samples.allSatisfy { text, expected in
            guard let value = Decimal(string: text), let stored = storedParts(value) else { return false }
            return stored == expected
        }
    }

    /// 10 to the power `n`, for `n` in 0...19 (the largest that fits 64 bits); computed,
    /// not looked up, so that checking an amount touches no global table.
    @inline(__always)
    private static func powerOfTen(_ n: Int) -> UInt64 {
        var value: UInt64 = 1
        for _ in 0..<n { value &*= 10 }
        return value
    }

    /// `parts` in nano-dollars, in integer arithmetic.
    @inline(__always)
    private static func scaled(_ parts: Parts, rounding: Bool) -> Int64? {
        let shift = parts.exponent + 9
        var magnitude: UInt64
        if parts.mantissa == 0 {
            magnitude = 0
        } else if shift >= 0 {
            guard shift <= 19 else { return nil }
            let (product, overflow) = parts.mantissa.multipliedReportingOverflow(by: powerOfTen(shift))
            guard !overflow else { return nil }
            magnitude = product
        } else if -shift <= 19 {
            let divisor = powerOfTen(-shift)
            let (quotient, remainder) = parts.mantissa.quotientAndRemainder(dividingBy: divisor)
            magnitude = quotient
            if remainder != 0 {
                guard rounding else { return nil }
                let half = divisor / 2
                if remainder > half || (remainder == half && quotient % 2 == 1) { magnitude += 1 }
            }
        } else {
            // Under half a nano-dollar: a 64-bit mantissa is below 10²⁰ / 2.
            guard rounding else { return nil }
            magnitude = 0
        }
        return signed(magnitude, negative: parts.negative)
    }

    @inline(__always)
    private static func signed(_ magnitude: UInt64, negative: Bool) -> Int64? {
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// Reads the decimal's plain text form (`-123.4567`), which `Decimal.description`
    /// always is, in integer arithmetic.
    private static func parsed(_ usd: Decimal, rounding: Bool) -> Int64? {
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
        return signed(magnitude, negative: negative)
    }
}
