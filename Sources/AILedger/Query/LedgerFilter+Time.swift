import Foundation

extension LedgerFilter {
    /// Reads a time bound as people write one: `2025-03-14`, an ISO-8601 UTC time
    /// (`2025-03-14T05:00:00Z`), or a span before `now` in whole minutes, hours, days or
    /// weeks (`30m`, `24h`, `7d`, `2w`, at most 100 years). Throws
    /// `LedgerError.Kind.invalidConfiguration` naming `field` for anything else.
    public static func time(_ text: String, field: String, now: Date = Date()) throws -> Date {
        let units: [UInt8: Int64] = [UInt8(ascii: "m"): 60, UInt8(ascii: "h"): 3_600, UInt8(ascii: "d"): 86_400,
                                     UInt8(ascii: "w"): 604_800]
        let bytes = Array(text.utf8)
        if let unit = bytes.last.flatMap({ units[$0] }), bytes.count > 1, bytes.count <= 8,
           bytes.dropLast().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let amount = Int64(String(decoding: bytes.dropLast(), as: UTF8.self)) {
            let seconds = amount * unit
            guard seconds <= 100 * 366 * 86_400 else {
                throw LedgerError(.invalidConfiguration, "\(field): a span reaches back at most 100 years")
            }
            return now.addingTimeInterval(-Double(seconds))
        }
        let full = bytes.count == 10 ? text + "T00:00:00Z" : text
        guard bytes.count <= 40, let micros = Timestamp.parse(full) else {
            throw LedgerError(.invalidConfiguration,
                "\(field): not a time; use YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ, or a span such as 30m, 24h, 7d, 2w")
        }
        return Timestamp.date(microseconds: micros)
    }
}
