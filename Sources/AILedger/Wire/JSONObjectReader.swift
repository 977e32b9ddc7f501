import Foundation

/// Reads the fields of one JSON object sent by a client, by name, each as its type, and
/// refuses any field it was not asked for: a misspelt field must not vanish silently.
/// Every error is a `LedgerError.Kind.invalidRecord` whose message starts with the field's
/// name and never repeats the value sent.
package struct JSONObjectReader {
    private let fields: [String: JSONValue]
    private var read: Set<String> = []

    /// Reads `value`, which must be an object.
    package init(_ value: JSONValue, what: String) throws {
        guard case .object(let fields) = value else { throw LedgerError.invalid(what, "must be a JSON object") }
        self.fields = fields
    }

    private mutating func value(_ name: String) -> JSONValue? {
        read.insert(name)
        guard let value = fields[name], value != .null else { return nil }
        return value
    }

    package mutating func string(_ name: String) throws -> String? {
        guard let value = value(name) else { return nil }
        guard case .string(let text) = value else { throw LedgerError.invalid(name, "must be a string") }
        return text
    }

    package mutating func uuid(_ name: String) throws -> UUID? {
        guard let text = try string(name) else { return nil }
        guard text.utf8.count == 36, let id = UUID(uuidString: text) else { throw LedgerError.invalid(name, "must be a UUID") }
        return id
    }

    package mutating func time(_ name: String) throws -> Date? {
        guard let text = try string(name) else { return nil }
        guard text.utf8.count <= 40, let micros = Timestamp.parse(text) else {
            throw LedgerError.invalid(name, "must be an ISO-8601 UTC time such as 2025-03-14T05:06:07.123Z")
        }
        return Timestamp.date(microseconds: micros)
    }

    package mutating func count(_ name: String) throws -> Int64? {
        guard let value = value(name) else { return nil }
        switch value {
        case .int(let number): return number
        case .double(let number) where number.rounded() == number && abs(number) < 9e18: return Int64(number)
        default: throw LedgerError.invalid(name, "must be a whole number")
        }
    }

    package mutating func number(_ name: String) throws -> Double? {
        guard let value = value(name) else { return nil }
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: throw LedgerError.invalid(name, "must be a number")
        }
    }

    /// A decimal amount, sent as a string (`"0.000228"`, exact) or a number.
    package mutating func decimal(_ name: String) throws -> Decimal? {
        guard let value = value(name) else { return nil }
        let decimal: Decimal?
        switch value {
        case .string(let text): decimal = text.utf8.count <= 40 ? Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) : nil
        case .int(let number): decimal = Decimal(number)
        case .double(let number): decimal = number.isFinite ? Decimal(string: "\(number)", locale: Locale(identifier: "en_US_POSIX")) : nil
        default: decimal = nil
        }
        guard let decimal, decimal.isFinite else { throw LedgerError.invalid(name, "must be a decimal number, best sent as a string") }
        return decimal
    }

    package mutating func json(_ name: String) -> JSONValue? {
        value(name)
    }

    package mutating func object(_ name: String) throws -> [String: JSONValue]? {
        guard let value = value(name) else { return nil }
        guard case .object(let members) = value else { throw LedgerError.invalid(name, "must be a JSON object") }
        return members
    }

    package mutating func strings(_ name: String) throws -> [String]? {
        guard let value = value(name) else { return nil }
        guard case .array(let items) = value else { throw LedgerError.invalid(name, "must be an array of strings") }
        return try items.map { item in
            guard case .string(let text) = item else { throw LedgerError.invalid(name, "must be an array of strings") }
            return text
        }
    }

    package mutating func enumeration<E: RawRepresentable>(_ name: String, _ type: E.Type) throws -> E?
    where E.RawValue == String {
        guard let text = try string(name) else { return nil }
        guard let value = E(rawValue: text) else { throw LedgerError.invalid(name, "is not one of the accepted values") }
        return value
    }

    /// Runs a record's `validate()`, naming the JSON field rather than the Swift property:
    /// `interaction.promptVersion: ...` becomes `prompt_version: ...`.
    package static func validate(_ record: String, _ validate: () throws -> Void) throws {
        do {
            try validate()
        } catch let error as LedgerError {
            guard let colon = error.message.firstIndex(of: ":") else { throw error }
            var name = String(error.message[..<colon])
            if name.hasPrefix(record + ".") { name.removeFirst(record.count + 1) }
            throw LedgerError(error.kind, snakeCase(name) + error.message[colon...])
        }
    }

    /// `promptVersion` → `prompt_version`, `userID` → `user_id`.
    static func snakeCase(_ name: String) -> String {
        var result = ""
        var previousWasUpper = false
        for character in name {
            if character.isUppercase {
                if !result.isEmpty && !previousWasUpper { result.append("_") }
                result += character.lowercased()
                previousWasUpper = true
            } else {
                result.append(character)
                previousWasUpper = false
            }
        }
        return result
    }

    /// Fails on the first field that was never asked for, naming it.
    package func refuseUnknownFields() throws {
        if let unknown = fields.keys.filter({ !read.contains($0) }).sorted().first {
            let shown = unknown.unicodeScalars.count <= 64 ? unknown : String(unknown.unicodeScalars.prefix(64)) + "…"
            throw LedgerError.invalid(shown, "is not a known field")
        }
    }
}
