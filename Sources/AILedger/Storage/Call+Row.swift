import Foundation

extension Call: StoredRecord {
    /// The indexes (every dialect's migrations name them alike) that lead with a column
    /// calls are grouped by, and that a planner had better not walk to group a time range.
    static let groupableIndexes = ["ailedger_calls_model", "ailedger_calls_user", "ailedger_calls_status"]

    static let stored = RecordTable<Call>("ailedger_calls", [
        .uuid("id", \.id), .uuid("interaction_id", \.interactionID), .uuid("conversation_id", \.conversationID),
        .text("external_id", \.externalID), .time("created_at", \.createdAt), .text("model", \.model),
        .text("model_version", \.modelVersion), .text("provider", \.provider), .text("call_type", \.callType),
        .enumeration("status", \.status, fallback: .success), .text("user_id", \.userID),
        .integer("input_tokens", \.usage.input), .integer("output_tokens", \.usage.output),
        .integer("cache_read_tokens", \.usage.cacheRead), .integer("cache_write_tokens", \.usage.cacheWrite),
        .integer("reasoning_tokens", \.usage.reasoning),
        Column(name: "cost_nano_usd", encode: { .optional($0.pointee.costUSD.flatMap(NanoDollars.rounding(usd:)), SQLValue.integer) },
               decode: { $0.costUSD = try $1.optionalCost() }),
        // A cost stored without its source was given by the caller, as `Call.init` reads it.
        Column(name: "cost_source", encode: { .optional($0.pointee.costSource?.rawValue, SQLValue.text) },
               decode: { call, reader in
                   let source = try reader.optionalEnum(CostSource.self)
                   call.costSource = source ?? (call.costUSD == nil ? nil : .provided)
               }),
        .double("latency_ms", \.latencyMs),
        .text("input_text", \.inputText), .text("output_text", \.outputText),
        .json("request", \.request), .json("response", \.response),
        .text("error_code", \.errorCode), .text("error_message", \.errorMessage),
        .object("metadata", \.metadata), .integer("cache_write_1h_tokens", \.usage.cacheWrite1h),
        .text("service_tier", \.serviceTier),
        .integer("input_audio_tokens", \.usage.inputAudio), .integer("input_image_tokens", \.usage.inputImage),
        .integer("cache_read_audio_tokens", \.usage.cacheReadAudio), .integer("cache_read_image_tokens", \.usage.cacheReadImage),
        .integer("output_audio_tokens", \.usage.outputAudio), .integer("output_image_tokens", \.usage.outputImage),
    ])

    static var blank: Call { Call(id: .zero, createdAt: Date(timeIntervalSince1970: 0), model: "") }
}

extension Call {
    /// The calls table's columns, in the order the writer inserts them.
    package static var storedColumns: [String] { columns }
    /// This call's values for `storedColumns`, exactly as the writer inserts them.
    package var storedValues: [SQLValue] { rowValues }
}
