import Foundation

extension Decimal {
    /// The amount as dollars to six decimals: $12.345678.
    var dollars: String {
        var value = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 6, .plain)
        let text = "\(rounded)"
        let parts = text.split(separator: ".", maxSplits: 1)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return "$" + parts[0] + "." + fraction.padding(toLength: 6, withPad: "0", startingAt: 0)
    }
}
