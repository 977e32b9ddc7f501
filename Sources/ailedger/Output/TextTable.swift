/// A plain-text table with aligned columns; columns whose cells are all numbers are right-aligned.
struct TextTable {
    let headers: [String]
    let rows: [[String]]

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
