/// A plain-text table with aligned columns; columns whose cells are all numbers are right-aligned.
/// Control characters in cells (escape sequences a terminal would run, line breaks) are
/// shown as `?`, so a recorded text can neither move the cursor nor break the layout.
struct TextTable {
    let headers: [String]
    let rows: [[String]]

    init(headers: [String], rows: [[String]]) {
        self.headers = headers.map(Self.printable)
        self.rows = rows.map { $0.map(Self.printable) }
    }

    /// `cell` with C0 and C1 control characters and DEL replaced by `?`.
    static func printable(_ cell: String) -> String {
        guard cell.unicodeScalars.contains(where: isControl) else { return cell }
        var result = String.UnicodeScalarView()
        for scalar in cell.unicodeScalars { result.append(isControl(scalar) ? "?" : scalar) }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    var rendered: String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        let numeric = headers.indices.map { column in rows.allSatisfy { Self.isNumeric($0[column]) } }
        func line(_ cells: [String]) -> String {
            let text = cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return numeric[column] ? padding + cell : cell + padding
            }.joined(separator: "  ")
            return String(text.reversed().drop(while: { $0 == " " }).reversed())
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }

    private static func isNumeric(_ cell: String) -> Bool {
        guard let first = cell.first else { return true }
        return cell.isEmpty || ((first.isNumber || first == "$" || first == "-")
            && cell.allSatisfy { $0.isNumber || ".,%$- ms".contains($0) })
    }
}
