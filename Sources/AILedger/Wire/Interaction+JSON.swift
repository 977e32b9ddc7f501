import Foundation

extension Interaction {
    /// Reads an interaction from its JSON form, the column names of `docs/SCHEMA.md` (the
    /// feedback as `feedback`, `feedback_comment`, `quality_score`, `edit_distance`,
    /// `feedback_at`); a missing `id` is made here. Throws `LedgerError.Kind.invalidRecord`
    /// naming the field.
    ///
    /// The SQL it ran is `sql_queries`: statements as strings or objects (see `SQLQuery`).
    /// Seed 004's names are read too: `intent` for `interaction_type`, `database_used` as
    /// the statements' database, and `sql_results_count` as the result count of a single
    /// statement. Without `sql_queries`, the last two are kept in `metadata`.
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
        let intent = try r.string("intent"), interactionType = try r.string("interaction_type")
        if let intent, let interactionType, intent != interactionType {
            throw LedgerError.invalid("intent", "is another name for interaction_type and differs from it")
        }
        let databaseUsed = try r.string("database_used"), resultsCount = try r.count("sql_results_count")
        var queries: [SQLQuery]?
        if let list = r.json("sql_queries") {
            guard case .array(let items) = list else { throw LedgerError.invalid("sql_queries", "must be an array of statements") }
            queries = try items.enumerated().map { try SQLQuery(json: $1, index: $0, database: databaseUsed) }
        }
        var metadata = try r.object("metadata") ?? [:]
        if var list = queries, let resultsCount {
            if list.count == 1 && list[0].resultCount == nil {
                list[0].resultCount = Int(clamping: resultsCount)
                queries = list
            } else if list.contains(where: { $0.resultCount == nil }) || list.reduce(Int64(0), { $0 + Int64($1.resultCount ?? 0) }) != resultsCount {
                throw LedgerError.invalid("sql_results_count", "must equal the sum of the statements' result_count when there are several")
            }
        } else if queries == nil {
            if let databaseUsed, metadata["database_used"] == nil { metadata["database_used"] = .string(databaseUsed) }
            if let resultsCount, metadata["sql_results_count"] == nil { metadata["sql_results_count"] = .int(resultsCount) }
        }
        self.init(
            id: try r.uuid("id"), conversationID: try r.uuid("conversation_id"), externalID: try r.string("external_id"),
            createdAt: createdAt, interactionType: interactionType ?? intent,
            status: try r.enumeration("status", Status.self) ?? .success, sessionID: try r.string("session_id"),
            userID: try r.string("user_id"), contactID: try r.string("contact_id"), deviceID: try r.string("device_id"),
            personaID: try r.string("persona_id"), ipAddress: try r.string("ip_address"), promptID: try r.string("prompt_id"),
            promptVersion: try r.string("prompt_version"), promptHash: try r.string("prompt_hash"),
            latencyMs: try r.number("latency_ms"), inputText: try r.string("input_text"), outputText: try r.string("output_text"),
            request: r.json("request"), response: r.json("response"), structuredOutput: r.json("structured_output"),
            inputVariables: r.json("input_variables"), missingVariables: try r.strings("missing_variables"),
            errorCode: try r.string("error_code"), errorMessage: try r.string("error_message"),
            errorDetails: r.json("error_details"), sqlQueries: queries?.isEmpty == true ? nil : queries, feedback: feedback,
            metadata: metadata)
        _ = r.json("calls")  // read by the caller, with the calls' own reader
        try r.refuseUnknownFields()
        try JSONObjectReader.validate("interaction", validate)
    }

    /// The interaction's JSON form, as `init(json:)` reads it.
    public var json: JSONValue {
        var fields = jsonFields
        if let sqlQueries { fields["sql_queries"] = .array(sqlQueries.map(\.json)) }
        return .object(fields)
    }
}
