import ArgumentParser
import Foundation

extension Decimal: @retroactive ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = Decimal(string: argument, locale: Locale(identifier: "en_US_POSIX")), value.isFinite,
              argument.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        self = value
    }
}
