extension UsageSummary {
    /// The summary's JSON fields, as the HTTP API and `ailedger --format json` print them:
    /// counts as numbers, token kinds no call reported as `null`, the exact cost in US
    /// dollars as a decimal string (`cost_usd`, as on a call), the mean latency in ms.
    public var jsonFields: [String: JSONValue] {
        func count(_ value: Int64?) -> JSONValue { value.map(JSONValue.int) ?? .null }
        return [
            "calls": .int(calls), "successes": .int(successes), "errors": .int(errors), "partials": .int(partials),
            "input_tokens": count(tokens.input), "output_tokens": count(tokens.output),
            "cache_read_tokens": count(tokens.cacheRead), "cache_write_tokens": count(tokens.cacheWrite),
            "reasoning_tokens": count(tokens.reasoning), "cost_usd": .string("\(costUSD)"), "unpriced_calls": .int(unpricedCalls),
            "average_latency_ms": averageLatencyMs.map(JSONValue.double) ?? .null,
        ]
    }
}
