import Foundation

/// Reads a row's values in order, converting each backend's representation to Swift
/// types (SQLite returns text for uuids, timestamps and JSON; PostgreSQL native types).
struct RowReader {
    private let row: SQLRow
    private var index = 0

    init(_ row: SQLRow) { self.row = row }

    /// Passes over the next column.
    mutating func skip() { _ = next() }

    private mutating func next() -> SQLValue {
        defer { index += 1 }
        return index < row.values.count ? row.values[index] : .null
    }

    private func failure(_ expected: String) -> LedgerError {
        LedgerError(.decodingFailed, "column \(index) does not hold \(expected)")
    }

    mutating func optionalString() throws -> String? {
        switch next() {
        case .null: return nil
        case .text(let text), .json(let text): return text
        case .uuid(let uuid): return uuid.ledgerString
        case .integer(let value): return String(value)
        case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
        default: throw failure("text")
        }
    }

    mutating func string() throws -> String {
        guard let value = try optionalString() else { throw failure("text") }
        return value
    }

    mutating func optionalInt64() throws -> Int64? {
        switch next() {
        case .null: return nil
        case .integer(let value): return value
        case .bool(let value): return value ? 1 : 0
        case .double(let value) where value.rounded() == value: return Int64(exactly: value)
        case .text(let text): if let value = Int64(text) { return value }; throw failure("an integer")
        default: throw failure("an integer")
        }
    }

    mutating func int64() throws -> Int64 {
        guard let value = try optionalInt64() else { throw failure("an integer") }
        return value
    }

    mutating func optionalInt() throws -> Int? { try optionalInt64().map { Int($0) } }

    mutating func optionalDouble() throws -> Double? {
        switch next() {
        case .null: return nil
        case .double(let value): return value
        case .integer(let value): return Double(value)
        case .text(let text): if let value = Double(text) { return value }; throw failure("a number")
        default: throw failure("a number")
        }
    }

    mutating func bool() throws -> Bool {
        switch next() {
        case .bool(let value): return value
        case .integer(let value): return value != 0
        case .text(let text) where ["t", "true", "1"].contains(text): return true
        case .text(let text) where ["f", "false", "0"].contains(text): return false
        default: throw failure("a boolean")
        }
    }

    mutating func optionalUUID() throws -> UUID? {
        switch next() {
        case .null: return nil
        case .uuid(let uuid): return uuid
        case .text(let text): if let uuid = UUID(uuidString: text) { return uuid }; throw failure("a uuid")
        default: throw failure("a uuid")
        }
    }

    mutating func uuid() throws -> UUID {
        guard let value = try optionalUUID() else { throw failure("a uuid") }
        return value
    }

    mutating func optionalDate() throws -> Date? {
        switch next() {
        case .null: return nil
        case .timestamp(let micros): return Timestamp.date(microseconds: micros)
        case .text(let text):
            guard let micros = Timestamp.parse(text) else { throw failure("a timestamp") }
            return Timestamp.date(microseconds: micros)
        default: throw failure("a timestamp")
        }
    }

    /// A timestamp as microseconds since the Unix epoch.
    mutating func microseconds() throws -> Int64 {
        switch next() {
        case .timestamp(let micros): return micros
        case .text(let text):
            guard let micros = Timestamp.parse(text) else { throw failure("a timestamp") }
            return micros
        default: throw failure("a timestamp")
        }
    }

    mutating func date() throws -> Date {
        guard let value = try optionalDate() else { throw failure("a timestamp") }
        return value
    }

    mutating func optionalJSON() throws -> JSONValue? {
        guard let text = try optionalString() else { return nil }
        return try JSONValue(jsonText: text)
    }

    mutating func jsonObject() throws -> [String: JSONValue] {
        guard case .object(let object)? = try optionalJSON() else { return [:] }
        return object
    }

    mutating func optionalEnum<E: RawRepresentable>(_ type: E.Type) throws -> E? where E.RawValue == String {
        guard let text = try optionalString() else { return nil }
        guard let value = E(rawValue: text) else { throw failure("a valid \(E.self)") }
        return value
    }

    mutating func optionalCost() throws -> Decimal? { try optionalInt64().map(NanoDollars.usd) }
}
