/// RFC 4180 CSV fields, safe to open in a spreadsheet.
public enum CSV {
    /// `text` as one CSV field: quoted, with quotes doubled, when it holds a comma, quote,
    /// CR or LF (decided on its bytes, so `"\r\n"` and a comma followed by a combining mark
    /// are caught). A field a spreadsheet would run as a formula (one that starts with `=`,
    /// `+`, `-`, `@`, a tab or a CR and is not a number) gets a leading `'`.
    public static func field(_ text: String) -> String {
        let text = defused(text)
        guard text.utf8.contains(where: { specials.contains($0) }) else { return text }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` with a leading `'` when a spreadsheet would run it as a formula; what a CSV
    /// reader reads back from `field(text)`.
    public static func defused(_ text: String) -> String {
        guard let first = text.utf8.first, formulaStarts.contains(first), !isNumber(text) else { return text }
        return "'" + text
    }

    /// The fields as one CSV line, without its terminator.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    private static let specials: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D]
    private static let formulaStarts: [UInt8] = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    /// `[+-]digits[.digits][e[+-]digits]`: a number a spreadsheet reads as one, never a formula.
    private static func isNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix(while: { $0 >= 0x30 && $0 <= 0x39 }).count
            bytes = bytes.dropFirst(count)
            return count
        }
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard digits() > 0 else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
