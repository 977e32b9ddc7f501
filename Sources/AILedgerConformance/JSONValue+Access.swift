import AILedger

extension JSONValue {
    /// The members, when the value is an object.
    var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { members } else { nil }
    }

    /// The number, when the value is a whole number.
    var intValue: Int64? {
        if case .int(let number) = self { number } else { nil }
    }

    /// The text, when the value is a string.
    var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }
}
