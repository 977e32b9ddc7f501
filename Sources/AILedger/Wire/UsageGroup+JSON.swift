extension UsageGroup {
    /// The group's JSON form: the summary's fields (see `UsageSummary.jsonFields`), its
    /// `key` (`null` for calls without one) and, for a time bucket, its `start` in RFC 3339.
    public var json: JSONValue {
        var fields = summary.jsonFields
        fields["key"] = key.map(JSONValue.string) ?? .null
        if let start { fields["start"] = .string(Timestamp.iso8601(microseconds: Timestamp.microseconds(start))) }
        return .object(fields)
    }
}
