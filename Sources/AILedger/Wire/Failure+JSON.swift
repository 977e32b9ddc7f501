extension Failure {
    /// The failure's JSON form: the failed call's fields (see `Call.json`) and the
    /// `interaction` it served, or `null`.
    public var json: JSONValue {
        guard case .object(var fields) = call.json else { return .null }
        fields["interaction"] = interaction?.json ?? .null
        return .object(fields)
    }
}
