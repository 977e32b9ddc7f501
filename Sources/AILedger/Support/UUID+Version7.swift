import Foundation

extension UUID {
    /// A new time-ordered UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits.
    ///
    /// Ids made later sort later, which keeps B-tree inserts at the right edge of the index.
    /// A date before 1970, after the year 10889 (the 48-bit limit) or not finite is taken
    /// as the nearest end of that range, so any date gives an id.
    public static func v7(at date: Date = Date()) -> UUID {
        let limit: Double = 281_474_976_710_655  // 2^48 - 1 milliseconds
        let raw = date.timeIntervalSince1970 * 1000
        let millis = raw.isNaN ? 0 : UInt64(min(max(raw, 0), limit))
        var bytes = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        let random = (generator.next() as UInt64, generator.next() as UInt64)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (40 - 8 * UInt64(i))) }
        for i in 6..<16 {
            let source = i < 14 ? random.0 : random.1
            bytes[i] = UInt8(truncatingIfNeeded: source >> (8 * UInt64(i % 8)))
        }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// The lowest UUIDv7 made at `date`: its 48 bits of milliseconds, then zeros. Every id
    /// made at or after `date` sorts at or after it, as PostgreSQL compares uuids.
    static func lowestV7(at date: Date) -> UUID {
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 6)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (40 - 8 * UInt64(i))) }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    }

    /// When this UUIDv7 was made: its first 48 bits, as milliseconds since the Unix epoch.
    var v7Time: Date {
        let bytes = uuid
        let millis = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    /// The all-zero id, which no record is given: a placeholder.
    static let zero = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// The lowercase canonical text form, as every backend stores it.
    public var ledgerString: String {
        String(unsafeUninitializedCapacity: 36) { text in
            writeLedgerText(to: text)
            return 36
        }
    }

    /// Writes `ledgerString` to the 36 bytes at the start of `text`.
    func writeLedgerText(to text: UnsafeMutableBufferPointer<UInt8>) {
        precondition(text.count >= 36)
        let hex: StaticString = "0123456789abcdef"
        let digits = hex.utf8Start
        withUnsafeBytes(of: uuid) { raw in
            var index = 0
            for offset in 0..<16 {
                if offset == 4 || offset == 6 || offset == 8 || offset == 10 {
                    text[index] = UInt8(ascii: "-")
                    index += 1
                }
                let byte = raw[offset]
                text[index] = digits[Int(byte >> 4)]
                text[index + 1] = digits[Int(byte & 0x0F)]
                index += 2
            }
        }
    }
}
