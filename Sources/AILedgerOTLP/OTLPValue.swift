import AILedger
import Foundation

/// An attribute's value in OTLP: a string, a boolean, a 64-bit integer, a double, bytes, or
/// an array or key-value list of values.
public enum OTLPValue: Sendable, Hashable {
    /// A string.
    case string(String)
    /// A boolean.
    case bool(Bool)
    /// A 64-bit integer.
    case int(Int64)
    /// A double.
    case double(Double)
    /// Bytes.
    case bytes([UInt8])
    /// An array of values.
    case array([OTLPValue])
    /// Key-value pairs, in the order sent.
    case keyValues([(String, OTLPValue)])

    public static func == (a: OTLPValue, b: OTLPValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.double(let x), .double(let y)): x == y || (x.isNaN && y.isNaN)
        case (.bytes(let x), .bytes(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.keyValues(let x), .keyValues(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let x): hasher.combine(x)
        case .bool(let x): hasher.combine(x)
        case .int(let x): hasher.combine(x)
        case .double(let x): hasher.combine(x)
        case .bytes(let x): hasher.combine(x)
        case .array(let x): hasher.combine(x)
        case .keyValues(let x): for (key, value) in x { hasher.combine(key); hasher.combine(value) }
        }
    }

    /// The value as text: strings as they are, numbers and booleans written out.
    public var text: String? {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): number.isFinite ? "\(number)" : nil
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// The value as a whole number: integers, whole doubles and strings of digits (some
    /// senders write counts as text).
    public var integer: Int64? {
        switch self {
        case .int(let number): number
        case .double(let number): number.rounded() == number && abs(number) < 9e18 ? Int64(number) : nil
        case .string(let text): text.utf8.count <= 19 ? Int64(text) : nil
        default: nil
        }
    }

    /// The value as a number.
    public var number: Double? {
        switch self {
        case .int(let number): Double(number)
        case .double(let number): number.isFinite ? number : nil
        case .string(let text): text.utf8.count <= 40 ? Double(text).flatMap { $0.isFinite ? $0 : nil } : nil
        default: nil
        }
    }

    /// The value as JSON: key-value lists as objects, bytes as base64 text, and strings that
    /// hold JSON (as senders write structured attributes) parsed when `parsingStrings`.
    public func json(parsingStrings: Bool = false) -> JSONValue {
        switch self {
        case .string(let text):
            if parsingStrings, let first = text.first(where: { !$0.isWhitespace }), first == "[" || first == "{",
               let parsed = try? JSONValue(jsonText: text) {
                return parsed
            }
            return .string(text)
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .double(let number): return number.isFinite ? .double(number) : .string("\(number)")
        case .bytes(let bytes): return .string(Data(bytes).base64EncodedString())
        case .array(let values): return .array(values.map { $0.json(parsingStrings: parsingStrings) })
        case .keyValues(let members):
            var object: [String: JSONValue] = [:]
            for (key, value) in members { object[key] = value.json(parsingStrings: parsingStrings) }
            return .object(object)
        }
    }
}
