import Foundation

extension Interaction: StoredRecord {
    static let stored = RecordTable<Interaction>("ailedger_interactions", [
        .uuid("id", \.id), .uuid("conversation_id", \.conversationID), .text("external_id", \.externalID),
        .time("created_at", \.createdAt), .text("interaction_type", \.interactionType),
        .enumeration("status", \.status, fallback: .success), .text("session_id", \.sessionID), .text("user_id", \.userID),
        .text("contact_id", \.contactID), .text("device_id", \.deviceID), .text("persona_id", \.personaID),
        .text("ip_address", \.ipAddress), .text("prompt_id", \.promptID), .text("prompt_version", \.promptVersion),
        .text("prompt_hash", \.promptHash), .double("latency_ms", \.latencyMs), .text("input_text", \.inputText),
        .text("output_text", \.outputText), .json("request", \.request), .json("response", \.response),
        .json("structured_output", \.structuredOutput), .json("input_variables", \.inputVariables),
        Column(name: "missing_variables",
               encode: { .optional($0.pointee.missingVariables.map { JSONValue.array($0.map(JSONValue.string)).jsonText }, SQLValue.json) },
               decode: { record, reader in
                   if case .array(let names)? = try reader.optionalJSON() {
                       record.missingVariables = names.compactMap { if case .string(let name) = $0 { name } else { nil } }
                   }
               }),
        .text("error_code", \.errorCode), .text("error_message", \.errorMessage), .json("error_details", \.errorDetails),
    ] + feedbackColumns + [
        .object("metadata", \.metadata),
    ])

    /// The feedback's five columns: a feedback is read back when it has a rating and a time.
    static let feedbackColumns: [Column<Interaction>] = [
        Column(name: "feedback", encode: { .optional($0.pointee.feedback?.rating.rawValue, SQLValue.text) },
               decode: { record, reader in
                   record.feedback = try reader.optionalEnum(FeedbackRating.self).map { Feedback(rating: $0, at: Date(timeIntervalSince1970: 0)) }
               }),
        Column(name: "feedback_comment", encode: { .optional($0.pointee.feedback?.comment, SQLValue.text) },
               decode: { record, reader in
                   let comment = try reader.optionalString()
                   record.feedback?.comment = comment
               }),
        Column(name: "quality_score", encode: { .optional($0.pointee.feedback?.qualityScore.map(Int64.init), SQLValue.integer) },
               decode: { record, reader in
                   let score = try reader.optionalInt()
                   record.feedback?.qualityScore = score
               }),
        Column(name: "edit_distance", encode: { .optional($0.pointee.feedback?.editDistance.map(Int64.init), SQLValue.integer) },
               decode: { record, reader in
                   let distance = try reader.optionalInt()
                   record.feedback?.editDistance = distance
               }),
        Column(name: "feedback_at", encode: { .optional($0.pointee.feedback.map { Timestamp.microseconds($0.at) }, SQLValue.timestamp) },
               decode: { record, reader in
                   if let at = try reader.optionalDate() { record.feedback?.at = at } else { record.feedback = nil }
               }),
    ]

    static var blank: Interaction { Interaction(id: .zero, createdAt: Date(timeIntervalSince1970: 0)) }

    /// The feedback columns with `feedback`'s values: what storing a verdict on a stored
    /// interaction sets.
    static func feedbackAssignments(_ feedback: Feedback) -> [(column: String, value: SQLValue)] {
        var record = blank
        record.feedback = feedback
        return withUnsafePointer(to: record) { record in feedbackColumns.map { ($0.name, $0.encode(record)) } }
    }
}
