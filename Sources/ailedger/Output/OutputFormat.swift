import AILedger
import ArgumentParser

/// How reporting commands print rows.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv

    /// Prints `rows` under `headers` in this format.
    func print(headers: [String], rows: [[String]]) {
        switch self {
        case .table:
            Swift.print(TextTable(headers: headers, rows: rows).rendered)
        case .csv:
            for line in [headers] + rows { Swift.print(CSV.line(line)) }
        case .json:
            let objects = rows.map { row in
                "{" + zip(headers, row).map { "\(Self.jsonString($0)): \(Self.jsonString($1))" }.joined(separator: ", ") + "}"
            }
            Swift.print("[" + objects.joined(separator: ",\n ") + "]")
        }
    }

    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 { result += String(format: "\\u%04x", scalar.value) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }
}
