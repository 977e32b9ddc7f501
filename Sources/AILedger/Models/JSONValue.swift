import Foundation

/// A JSON document: what AILedger stores in its JSON columns (request, response,
/// input variables, metadata).
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Numbers compare by value, so `1` read back from a database equals `1.0` written.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.int(a), .double(b)), let (.double(b), .int(a)): return Double(a) == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .int(let value): hasher.combine(Double(value))
        case .double(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .array(let value): hasher.combine(value)
        case .object(let value): hasher.combine(value)
        }
    }

    /// Parses JSON text.
    public init(jsonText: String) throws {
        do {
            self = try JSONParser.parse(jsonText)
        } catch {
            throw LedgerError(.decodingFailed, "stored JSON could not be parsed")
        }
    }

    /// What validation finds in a document: fine, a number JSON cannot hold, or nesting
    /// deeper than allowed.
    enum Shape { case fine, notFinite, tooDeep }

    /// Walks the document once, no deeper than `maxDepth` containers.
    func shape(maxDepth: Int) -> Shape {
        switch self {
        case .double(let value): return value.isFinite ? .fine : .notFinite
        case .array(let values):
            guard maxDepth > 0 else { return .tooDeep }
            for value in values where value.isContainerOrDouble {
                let shape = value.shape(maxDepth: maxDepth - 1)
                if shape != .fine { return shape }
            }
            return .fine
        case .object(let members):
            guard maxDepth > 0 else { return .tooDeep }
            for value in members.values where value.isContainerOrDouble {
                let shape = value.shape(maxDepth: maxDepth - 1)
                if shape != .fine { return shape }
            }
            return .fine
        default: return .fine
        }
    }

    private var isContainerOrDouble: Bool {
        switch self {
        case .double, .array, .object: true
        default: false
        }
    }
}
