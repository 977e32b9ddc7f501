import Foundation

/// Conversions between `Date` and the two forms AILedger stores time in: microseconds
/// since the Unix epoch, and fixed-width ISO-8601 UTC text whose text order is time order.
public enum Timestamp {
    /// The earliest storable instant: 0001-01-01T00:00:00Z.
    public static let minMicroseconds: Int64 = -62_135_596_800_000_000
    /// The latest storable instant: 9999-12-31T23:59:59.999999Z.
    public static let maxMicroseconds: Int64 = 253_402_300_799_999_999

    /// Microseconds since 1970-01-01T00:00:00Z, rounded to the nearest microsecond.
    public static func microseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1_000_000).rounded()
        guard value.isFinite, value >= Double(minMicroseconds), value <= Double(maxMicroseconds) else {
            return value < 0 ? minMicroseconds : maxMicroseconds
        }
        return Int64(value)
    }

    /// The date `microseconds` after the Unix epoch.
    public static func date(microseconds: Int64) -> Date {
        let seconds = microseconds.quotientAndRemainder(dividingBy: 1_000_000)
        return Date(timeIntervalSince1970: Double(seconds.quotient) + Double(seconds.remainder) / 1_000_000)
    }

    /// `date` rounded to the microsecond, the precision every backend stores.
    public static func rounded(_ date: Date) -> Date {
        isStorable(date) ? Self.date(microseconds: microseconds(date)) : date
    }

    /// Whether `date` lies within years 1 to 9999, the range every backend stores.
    public static func isStorable(_ date: Date) -> Bool {
        let value = date.timeIntervalSince1970 * 1_000_000
        return value.isFinite && value >= Double(minMicroseconds) && value <= Double(maxMicroseconds)
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, always 27 characters.
    public static func iso8601(microseconds: Int64) -> String {
        String(unsafeUninitializedCapacity: 27) { text in
            write(microseconds: microseconds, separator: UInt8(ascii: "T"), zone: true, to: text)
            return 27
        }
    }

    /// `YYYY-MM-DD HH:MM:SS.ffffff` in UTC, the SQL literal of a timestamp, 26 characters.
    public static func sqlDateTime(microseconds: Int64) -> String {
        String(unsafeUninitializedCapacity: 26) { text in
            write(microseconds: microseconds, separator: UInt8(ascii: " "), zone: false, to: text)
            return 26
        }
    }

    /// Writes `iso8601(microseconds:)` to the 27 bytes at the start of `text`.
    static func writeISO8601(microseconds: Int64, to text: UnsafeMutableBufferPointer<UInt8>) {
        write(microseconds: microseconds, separator: UInt8(ascii: "T"), zone: true, to: text)
    }

    /// Times outside years 1 to 9999 are written as the nearest storable instant, so the
    /// text always has its fixed width: 27 bytes with `zone`, else 26.
    private static func write(microseconds: Int64, separator: UInt8, zone: Bool, to bytes: UnsafeMutableBufferPointer<UInt8>) {
        precondition(bytes.count >= (zone ? 27 : 26))
        let microseconds = min(max(microseconds, minMicroseconds), maxMicroseconds)
        let (days, microOfDay) = floorDivide(microseconds, 86_400_000_000)
        let (year, month, day) = civil(fromDays: days)
        let second = microOfDay / 1_000_000
        let fraction = microOfDay % 1_000_000
        func put(_ value: Int64, from start: Int, through end: Int) {
            var value = value, index = end
            while index >= start {
                bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
                index -= 1
            }
        }
        bytes[4] = UInt8(ascii: "-"); bytes[7] = UInt8(ascii: "-"); bytes[10] = separator
        bytes[13] = UInt8(ascii: ":"); bytes[16] = UInt8(ascii: ":"); bytes[19] = UInt8(ascii: ".")
        if zone { bytes[26] = UInt8(ascii: "Z") }
        put(year, from: 0, through: 3); put(month, from: 5, through: 6); put(day, from: 8, through: 9)
        put(second / 3600, from: 11, through: 12); put(second / 60 % 60, from: 14, through: 15)
        put(second % 60, from: 17, through: 18); put(fraction, from: 20, through: 25)
    }

    /// Parses `YYYY-MM-DD[T| ]HH:MM:SS[.f+][Z|+00:00|+00]`, the forms the backends return;
    /// digits past the microsecond are dropped. Nil for any other text, and for a date
    /// that does not exist (February 30) or lies outside years 1 to 9999.
    public static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for i in start..<(start + count) {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int64(b - 48)
            }
            return value
        }
        guard bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 32,
              bytes[13] == 58, bytes[16] == 58,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              year >= 1, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction: Int64 = 0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 6 { fraction = fraction * 10 + Int64(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            while digits < 6 {
                fraction *= 10
                digits += 1
            }
        }
        let rest = String(decoding: bytes[index...], as: UTF8.self)
        guard ["", "Z", "+00:00", "+00"].contains(rest) else { return nil }
        let days = daysFromCivil(year, month, day)
        return ((days * 86_400 + hour * 3600 + minute * 60 + second) * 1_000_000) + fraction
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    // Howard Hinnant's days_from_civil / civil_from_days, proleptic Gregorian calendar.
    private static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
