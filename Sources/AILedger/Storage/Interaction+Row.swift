extension Interaction {
    static let table = "ailedger_interactions"

    /// The stored columns, in the order of `rowValues` and `init(row:)`.
    static let columns = [
        "id", "conversation_id", "external_id", "created_at", "interaction_type", "status", "session_id", "user_id",
        "contact_id", "device_id", "persona_id", "ip_address", "prompt_id", "prompt_version", "prompt_hash",
        "latency_ms", "input_text", "output_text", "request", "response", "structured_output", "input_variables",
        "missing_variables", "error_code", "error_message", "error_details", "feedback", "feedback_comment",
        "quality_score", "edit_distance", "feedback_at", "metadata",
    ]

    var rowValues: [SQLValue] {
        [
            .uuid(id), .optional(conversationID, SQLValue.uuid), .optional(externalID, SQLValue.text),
            .timestamp(Timestamp.microseconds(createdAt)), .optional(interactionType, SQLValue.text), .text(status.rawValue),
            .optional(sessionID, SQLValue.text), .optional(userID, SQLValue.text), .optional(contactID, SQLValue.text),
            .optional(deviceID, SQLValue.text), .optional(personaID, SQLValue.text), .optional(ipAddress, SQLValue.text),
            .optional(promptID, SQLValue.text), .optional(promptVersion, SQLValue.text), .optional(promptHash, SQLValue.text),
            .optional(latencyMs, SQLValue.double), .optional(inputText, SQLValue.text), .optional(outputText, SQLValue.text),
            .optional(request?.jsonText, SQLValue.json), .optional(response?.jsonText, SQLValue.json),
            .optional(structuredOutput?.jsonText, SQLValue.json), .optional(inputVariables?.jsonText, SQLValue.json),
            .optional(missingVariables.map { JSONValue.array($0.map(JSONValue.string)).jsonText }, SQLValue.json),
            .optional(errorCode, SQLValue.text), .optional(errorMessage, SQLValue.text),
            .optional(errorDetails?.jsonText, SQLValue.json),
        ] + Self.feedbackValues(feedback) + [.json(JSONValue.object(metadata).jsonText)]
    }

    /// feedback, feedback_comment, quality_score, edit_distance, feedback_at.
    static func feedbackValues(_ feedback: Feedback?) -> [SQLValue] {
        guard let feedback else { return [.null, .null, .null, .null, .null] }
        return [
            .text(feedback.rating.rawValue), .optional(feedback.comment, SQLValue.text),
            .optional(feedback.qualityScore.map(Int64.init), SQLValue.integer),
            .optional(feedback.editDistance.map(Int64.init), SQLValue.integer),
            .timestamp(Timestamp.microseconds(feedback.at)),
        ]
    }

    init(row: SQLRow) throws {
        var r = RowReader(row)
        self.init(
            id: try r.uuid(), conversationID: try r.optionalUUID(), externalID: try r.optionalString(),
            createdAt: try r.date(), interactionType: try r.optionalString(),
            status: try r.optionalEnum(Status.self) ?? .success, sessionID: try r.optionalString(),
            userID: try r.optionalString(), contactID: try r.optionalString(), deviceID: try r.optionalString(),
            personaID: try r.optionalString(), ipAddress: try r.optionalString(), promptID: try r.optionalString(),
            promptVersion: try r.optionalString(), promptHash: try r.optionalString(), latencyMs: try r.optionalDouble(),
            inputText: try r.optionalString(), outputText: try r.optionalString(), request: try r.optionalJSON(),
            response: try r.optionalJSON(), structuredOutput: try r.optionalJSON(), inputVariables: try r.optionalJSON())
        if case .array(let names)? = try r.optionalJSON() {
            missingVariables = names.compactMap { if case .string(let name) = $0 { name } else { nil } }
        }
        errorCode = try r.optionalString()
        errorMessage = try r.optionalString()
        errorDetails = try r.optionalJSON()
        let rating = try r.optionalEnum(FeedbackRating.self)
        let comment = try r.optionalString()
        let score = try r.optionalInt()
        let distance = try r.optionalInt()
        let at = try r.optionalDate()
        if let rating, let at {
            feedback = Feedback(rating: rating, comment: comment, qualityScore: score, editDistance: distance, at: at)
        }
        metadata = try r.jsonObject()
    }
}
