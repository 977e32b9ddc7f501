import Foundation

/// How exported records are written.
///
/// Both formats name fields as the schema names columns (`docs/SCHEMA.md`): times are
/// ISO-8601 UTC with microseconds, ids lowercase UUIDs, costs whole nano-dollars.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// RFC 4180 CSV: a header line, then one line per record; fields that contain a
    /// comma, quote, CR or LF are quoted, with quotes doubled, and a field a spreadsheet
    /// would run as a formula starts with `'` (see ``CSV/field(_:)``). JSON columns hold
    /// JSON text.
    case csv
    /// JSON Lines: one JSON object per line, JSON columns embedded as JSON.
    case jsonl

    /// The text that starts the export.
    func header(_ columns: [String]) -> String {
        switch self {
        case .csv: CSV.line(columns) + "\r\n"
        case .jsonl: ""
        }
    }

    /// One record's line, terminator included.
    func line(_ columns: [String], _ values: [SQLValue]) -> String {
        switch self {
        case .csv:
            return CSV.line(values.map { Self.text($0) ?? "" }) + "\r\n"
        case .jsonl:
            let fields = zip(columns, values).map { column, value in JSONValue.string(column).jsonText + ":" + Self.json(value) }
            return "{" + fields.joined(separator: ",") + "}\n"
        }
    }

    private static func text(_ value: SQLValue) -> String? {
        switch value {
        case .null: nil
        case .integer(let v): String(v)
        case .double(let v): String(v)
        case .text(let v), .json(let v): v
        case .blob(let v): Data(v).base64EncodedString()
        case .bool(let v): v ? "true" : "false"
        case .uuid(let v): v.ledgerString
        case .timestamp(let v): Timestamp.iso8601(microseconds: v)
        }
    }

    private static func json(_ value: SQLValue) -> String {
        switch value {
        case .null: "null"
        case .integer(let v): String(v)
        case .double(let v): v.isFinite ? String(v) : "null"
        case .bool(let v): v ? "true" : "false"
        case .json(let v): v
        case .text, .blob, .uuid, .timestamp: JSONValue.string(text(value) ?? "").jsonText
        }
    }
}
