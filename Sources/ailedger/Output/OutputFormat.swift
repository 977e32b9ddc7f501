import AILedger
import ArgumentParser

/// How reporting commands print what they found.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, jsonl, csv

    static let help: ArgumentHelp = "table, json (the HTTP API's answer), jsonl (one record per line) or csv."

    /// Prints what a command found: `rows` under `headers` as a table or CSV; in JSON,
    /// `document`, the HTTP API's answer to the same question, on one line; in JSON Lines,
    /// each element of the document's array `lines` on a line of its own (the document
    /// itself when `lines` is nil).
    func print(headers: [String], rows: @autoclosure () -> [[String]], json document: @autoclosure () -> JSONValue,
               lines: String? = nil) {
        switch self {
        case .table:
            Swift.print(TextTable(headers: headers, rows: rows()).rendered)
        case .csv:
            for line in [headers] + rows() { Swift.print(CSV.line(line)) }
        case .json:
            Swift.print(document().jsonText)
        case .jsonl:
            let document = document()
            guard let lines, case .object(let fields) = document, case .array(let items)? = fields[lines] else {
                return Swift.print(document.jsonText)
            }
            for item in items { Swift.print(item.jsonText) }
        }
    }
}
