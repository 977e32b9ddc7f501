import Foundation

extension Interaction {
    /// Reads an interaction from its JSON form, the column names of `docs/SCHEMA.md` (the
    /// feedback as `feedback`, `feedback_comment`, `quality_score`, `edit_distance`,
    /// `feedback_at`); a missing `id` is made here. Throws `LedgerError.Kind.invalidRecord`
    /// naming the field.
    public init(json: JSONValue) throws {
        var r = try JSONObjectReader(json, what: "interaction")
        let createdAt = try r.time("created_at") ?? Date()
        var feedback: Feedback?
        let rating = try r.enumeration("feedback", FeedbackRating.self)
        let comment = try r.string("feedback_comment")
        let score = try r.count("quality_score"), distance = try r.count("edit_distance")
        let feedbackAt = try r.time("feedback_at")
        if let rating {
            feedback = Feedback(rating: rating, comment: comment, qualityScore: score.map { Int(clamping: $0) },
                                editDistance: distance.map { Int(clamping: $0) }, at: feedbackAt ?? createdAt)
        } else if comment != nil || score != nil || distance != nil || feedbackAt != nil {
            throw LedgerError.invalid("feedback", "is required with feedback_comment, quality_score, edit_distance or feedback_at")
        }
        self.init(
            id: try r.uuid("id"), conversationID: try r.uuid("conversation_id"), externalID: try r.string("external_id"),
            createdAt: createdAt, interactionType: try r.string("interaction_type"),
            status: try r.enumeration("status", Status.self) ?? .success, sessionID: try r.string("session_id"),
            userID: try r.string("user_id"), contactID: try r.string("contact_id"), deviceID: try r.string("device_id"),
            personaID: try r.string("persona_id"), ipAddress: try r.string("ip_address"), promptID: try r.string("prompt_id"),
            promptVersion: try r.string("prompt_version"), promptHash: try r.string("prompt_hash"),
            latencyMs: try r.number("latency_ms"), inputText: try r.string("input_text"), outputText: try r.string("output_text"),
            request: r.json("request"), response: r.json("response"), structuredOutput: r.json("structured_output"),
            inputVariables: r.json("input_variables"), missingVariables: try r.strings("missing_variables"),
            errorCode: try r.string("error_code"), errorMessage: try r.string("error_message"),
            errorDetails: r.json("error_details"), feedback: feedback, metadata: try r.object("metadata") ?? [:])
        _ = r.json("calls")  // read by the caller, with the calls' own reader
        try r.refuseUnknownFields()
        try JSONObjectReader.validate("interaction", validate)
    }

    /// The interaction's JSON form, as `init(json:)` reads it.
    public var json: JSONValue { .object(jsonFields) }
}
