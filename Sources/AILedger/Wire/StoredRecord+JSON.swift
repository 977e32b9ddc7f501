import Foundation

extension StoredRecord {
    /// The record as a JSON object named by its columns: ids and times as text, JSON
    /// columns embedded, NULL columns left out.
    var jsonFields: [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for (name, value) in zip(Self.columns, rowValues) {
            switch value {
            case .null: continue
            case .integer(let number): fields[name] = .int(number)
            case .double(let number): fields[name] = .double(number)
            case .bool(let flag): fields[name] = .bool(flag)
            case .text(let text): fields[name] = .string(text)
            case .json(let text): fields[name] = (try? JSONValue(jsonText: text)) ?? .null
            case .uuid(let id): fields[name] = .string(id.ledgerString)
            case .timestamp(let micros): fields[name] = .string(Timestamp.iso8601(microseconds: micros))
            case .blob(let bytes): fields[name] = .string(Data(bytes).base64EncodedString())
            }
        }
        return fields
    }
}
