extension UsageOverview {
    /// The overview's JSON form: the summary's fields (see `UsageSummary.jsonFields`), the
    /// latency percentiles in ms and the success rate from 0 to 1, each `null` without calls.
    public var json: JSONValue {
        var fields = summary.jsonFields
        fields["latency_p50_ms"] = latencyP50.map(JSONValue.double) ?? .null
        fields["latency_p95_ms"] = latencyP95.map(JSONValue.double) ?? .null
        fields["latency_p99_ms"] = latencyP99.map(JSONValue.double) ?? .null
        fields["success_rate"] = summary.successRate.map(JSONValue.double) ?? .null
        return .object(fields)
    }
}
