import AILedger
import Foundation

extension UUID {
    /// The id `name` always gives, so that a span sent twice is stored once: with `date`, a
    /// time-ordered UUIDv7 of `date`'s milliseconds and SHA-256 bits of `name`; without, a
    /// UUIDv8 of SHA-256 bits alone.
    static func derived(_ name: [UInt8], at date: Date? = nil) -> UUID {
        var bytes = SHA256.digest(name)
        if let date {
            let raw = date.timeIntervalSince1970 * 1000
            let millis = raw.isNaN ? 0 : UInt64(min(max(raw, 0), 281_474_976_710_655))
            for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (40 - 8 * UInt64(i))) }
            bytes[6] = 0x70 | (bytes[6] & 0x0F)
        } else {
            bytes[6] = 0x80 | (bytes[6] & 0x0F)
        }
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
