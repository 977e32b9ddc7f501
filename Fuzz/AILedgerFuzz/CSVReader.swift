/// A strict RFC 4180 reader, written apart from `CSV` to check what it writes: quoted
/// fields may hold commas, quotes (doubled) and line breaks; every record ends in CRLF.
enum CSVReader {
    /// The records of `text`, or nil when it is not well-formed.
    static func rows(_ text: String) -> [[String]]? {
        var rows: [[String]] = [], row: [String] = []
        var field: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        func end() { row.append(String(decoding: field, as: UTF8.self)); field = [] }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\""), field.isEmpty {
                index += 1
                while true {
                    guard index < bytes.count else { return nil }
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    field.append(bytes[index])
                    index += 1
                }
                guard index < bytes.count, bytes[index] == UInt8(ascii: ",") || bytes[index] == 0x0D else { return nil }
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                end()
                index += 1
            case 0x0D:
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { return nil }
                end()
                rows.append(row)
                row = []
                index += 2
            case 0x0A, UInt8(ascii: "\""):
                return nil  // a line break or quote outside quotes
            default:
                field.append(bytes[index])
                index += 1
            }
        }
        return row.isEmpty && field.isEmpty ? rows : nil
    }
}
