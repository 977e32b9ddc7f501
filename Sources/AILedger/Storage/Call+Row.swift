extension Call {
    static let table = "ailedger_calls"

    /// The stored columns, in the order of `rowValues` and `init(row:)`.
    static let columns = [
        "id", "interaction_id", "conversation_id", "external_id", "created_at", "model", "model_version",
        "provider", "call_type", "status", "user_id", "input_tokens", "output_tokens", "cache_read_tokens",
        "cache_write_tokens", "reasoning_tokens", "cost_nano_usd", "cost_source", "latency_ms", "input_text",
        "output_text", "request", "response", "error_code", "error_message", "metadata", "cache_write_1h_tokens",
    ]

    var rowValues: [SQLValue] {
        [
            .uuid(id), .optional(interactionID, SQLValue.uuid), .optional(conversationID, SQLValue.uuid),
            .optional(externalID, SQLValue.text), .timestamp(Timestamp.microseconds(createdAt)), .text(model),
            .optional(modelVersion, SQLValue.text), .optional(provider, SQLValue.text), .optional(callType, SQLValue.text),
            .text(status.rawValue), .optional(userID, SQLValue.text), .optional(usage.input, SQLValue.integer),
            .optional(usage.output, SQLValue.integer), .optional(usage.cacheRead, SQLValue.integer),
            .optional(usage.cacheWrite, SQLValue.integer), .optional(usage.reasoning, SQLValue.integer),
            .optional(costUSD.flatMap(NanoDollars.rounding(usd:)), SQLValue.integer),
            .optional(costSource?.rawValue, SQLValue.text), .optional(latencyMs, SQLValue.double),
            .optional(inputText, SQLValue.text), .optional(outputText, SQLValue.text),
            .optional(request?.jsonText, SQLValue.json), .optional(response?.jsonText, SQLValue.json),
            .optional(errorCode, SQLValue.text), .optional(errorMessage, SQLValue.text),
            .json(JSONValue.object(metadata).jsonText), .optional(usage.cacheWrite1h, SQLValue.integer),
        ]
    }

    init(row: SQLRow) throws {
        var r = RowReader(row)
        self.init(
            id: try r.uuid(), interactionID: try r.optionalUUID(), conversationID: try r.optionalUUID(),
            externalID: try r.optionalString(), createdAt: try r.date(), model: try r.string(),
            modelVersion: try r.optionalString(), provider: try r.optionalString(), callType: try r.optionalString(),
            status: try r.optionalEnum(Status.self) ?? .success, userID: try r.optionalString(),
            usage: TokenUsage(input: try r.optionalInt64(), output: try r.optionalInt64(), cacheRead: try r.optionalInt64(),
                              cacheWrite: try r.optionalInt64(), reasoning: try r.optionalInt64()),
            costUSD: try r.optionalCost(), costSource: try r.optionalEnum(CostSource.self), latencyMs: try r.optionalDouble(),
            inputText: try r.optionalString(), outputText: try r.optionalString(), request: try r.optionalJSON(),
            response: try r.optionalJSON(), errorCode: try r.optionalString(), errorMessage: try r.optionalString(),
            metadata: try r.jsonObject())
        usage.cacheWrite1h = try r.optionalInt64()
    }
}
