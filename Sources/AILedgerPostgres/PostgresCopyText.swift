import AILedger

/// Rows in the text format of `COPY … FROM STDIN`: values separated by tabs, rows by
/// newlines, NULL as `\N`, and backslash, tab, newline and carriage return escaped.
struct PostgresCopyText {
    private(set) var bytes: [UInt8] = []

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends one row.
    mutating func append(_ row: [SQLValue]) {
        for (index, value) in row.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "\t")) }
            append(value)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Forgets the bytes already sent, keeping the buffer.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    private mutating func append(_ value: SQLValue) {
        switch value {
        case .null: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "N")]
        case .integer(let number): bytes += String(number).utf8
        case .double(let number): bytes += "\(number)".utf8
        case .bool(let flag): bytes.append(flag ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        case .uuid(let uuid): bytes += uuid.ledgerString.utf8
        case .timestamp(let micros): bytes += Timestamp.iso8601(microseconds: micros).utf8
        case .text(let text), .json(let text): appendEscaped(text)
        case .blob(let data):
            // bytea's hex input, its backslash escaped for COPY: \\x0aff
            bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\"), UInt8(ascii: "x")]
            for byte in data {
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    private mutating func appendEscaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            default: bytes.append(byte)
            }
        }
    }
}
