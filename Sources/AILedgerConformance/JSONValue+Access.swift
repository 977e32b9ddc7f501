import AILedger

extension JSONValue {
    /// The members, when the value is an object.
    var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { members } else { nil }
    }
}
