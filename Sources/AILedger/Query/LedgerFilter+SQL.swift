import Foundation

extension LedgerFilter {
    /// Adds the filter's conditions to a query over calls aliased `c`.
    func apply(toCalls sql: inout SQLBuilder) {
        sql.alias = "c"
        applyShared(&sql)
        sql.filter("status", "=", status.map { .text($0.rawValue) })
        applyCallColumns(&sql)
        sql.filter("cost_nano_usd", ">=", minCostNanos.map(SQLValue.integer))
        sql.filter("interaction_id", "=", interactionID.map(SQLValue.uuid))
        sql.filter("conversation_id", "=", conversationID.map(SQLValue.uuid))
        applyText(&sql)
        let interactions = sql.table(Interaction.table, "i")
        if let inner = sql.conditions(on: "i", { applyInteractionColumns(&$0) }) {
            sql.condition("c.interaction_id IN (SELECT i.id FROM \(interactions) WHERE \(inner))")
        }
        applyPeople(&sql, conversation: "c.conversation_id") { "(SELECT i.\($0) FROM \(interactions) WHERE i.id = c.interaction_id)" }
    }

    /// Adds the filter's conditions to a query over interactions aliased `i`.
    func apply(toInteractions sql: inout SQLBuilder) {
        sql.alias = "i"
        applyShared(&sql)
        sql.filter("status", "=", status.map { .text($0.rawValue) })
        sql.filter("id", "=", interactionID.map(SQLValue.uuid))
        sql.filter("conversation_id", "=", conversationID.map(SQLValue.uuid))
        applyInteractionColumns(&sql)
        applyPeople(&sql, conversation: "i.conversation_id") { "i." + $0 }
        applyText(&sql)
        let calls = sql.table(Call.table, "c")
        if let inner = sql.conditions(on: "c", applyCallColumns) {
            sql.condition("EXISTS (SELECT 1 FROM \(calls) WHERE c.interaction_id = i.id AND \(inner))")
        }
        if let nanos = minCostNanos {
            sql.condition("(SELECT SUM(c.cost_nano_usd) FROM \(calls) WHERE c.interaction_id = i.id) >= \(sql.bind(.integer(nanos)))")
        }
    }

    /// Adds the filter's conditions to a query over conversations aliased `v`.
    func apply(toConversations sql: inout SQLBuilder) {
        sql.alias = "v"
        applyShared(&sql)
        sql.filter("id", "=", conversationID.map(SQLValue.uuid))
        sql.filter("device_id", "=", deviceID.map(SQLValue.text))
        sql.filter("contact_id", "=", contactID.map(SQLValue.text))
        sql.filter("persona_id", "=", personaID.map(SQLValue.text))
        let interactions = sql.table(Interaction.table, "i"), calls = sql.table(Call.table, "c")
        let inner = sql.conditions(on: "i") { sql in
            sql.filter("id", "=", interactionID.map(SQLValue.uuid))
            sql.filter("status", "=", status.map { .text($0.rawValue) })
            applyInteractionColumns(&sql)
            applyText(&sql)
        }
        if let inner {
            sql.condition("EXISTS (SELECT 1 FROM \(interactions) WHERE i.conversation_id = v.id AND \(inner))")
        }
        if let inner = sql.conditions(on: "c", applyCallColumns) {
            sql.condition("EXISTS (SELECT 1 FROM \(calls) WHERE c.conversation_id = v.id AND \(inner))")
        }
        if let nanos = minCostNanos {
            sql.condition("(SELECT SUM(c.cost_nano_usd) FROM \(calls) WHERE c.conversation_id = v.id) >= \(sql.bind(.integer(nanos)))")
        }
    }

    /// The minimum cost in nano-dollars, rounded up to a whole one.
    var minCostNanos: Int64? {
        guard let minCostUSD else { return nil }
        var scaled = minCostUSD * 1_000_000_000, rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .up)
        return rounded < 0 ? 0 : Int64(rounded.description) ?? .max
    }

    private func applyShared(_ sql: inout SQLBuilder) {
        sql.filter("created_at", ">=", since.map { .timestamp(Timestamp.microseconds($0)) })
        sql.filter("created_at", "<", until.map { .timestamp(Timestamp.microseconds($0)) })
        sql.filter("user_id", "=", userID.map(SQLValue.text))
    }

    private func applyCallColumns(_ sql: inout SQLBuilder) {
        sql.filter("model", "=", model.map(SQLValue.text))
        sql.filter("provider", "=", provider.map(SQLValue.text))
        sql.filter("call_type", "=", callType.map(SQLValue.text))
    }

    private func applyInteractionColumns(_ sql: inout SQLBuilder) {
        sql.filter("interaction_type", "=", interactionType.map(SQLValue.text))
        sql.filter("prompt_id", "=", promptID.map(SQLValue.text))
        sql.filter("prompt_version", "=", promptVersion.map(SQLValue.text))
        sql.filter("feedback", "=", feedback.map { .text($0.rawValue) })
        sql.filter("quality_score", ">=", minQualityScore.map { .integer(Int64($0)) })
        sql.filter("quality_score", "<=", maxQualityScore.map { .integer(Int64($0)) })
        let elements = sql.dialect.jsonArrayElements(of: sql.column("missing_variables"), alias: "m")
        if let hasMissingVariables {
            sql.condition("\(hasMissingVariables ? "" : "NOT ")EXISTS (SELECT 1 FROM \(elements.from))")
        }
        if let missingVariable {
            sql.condition("EXISTS (SELECT 1 FROM \(elements.from) WHERE \(elements.element) = \(sql.bind(.text(missingVariable))))")
        }
    }

    /// Device, contact and persona: the record's own (`own(column)`), or else those of the
    /// conversation with id `conversation`, as `CallDimension` groups them.
    private func applyPeople(_ sql: inout SQLBuilder, conversation: String, own: (String) -> String) {
        let conversations = sql.table(Conversation.table, "v")
        for (column, value) in [("device_id", deviceID), ("contact_id", contactID), ("persona_id", personaID)] {
            guard let value else { continue }
            let inherited = "(SELECT v.\(column) FROM \(conversations) WHERE v.id = \(conversation))"
            sql.condition("COALESCE(\(own(column)), \(inherited)) = \(sql.bind(.text(value)))")
        }
    }

    private func applyText(_ sql: inout SQLBuilder) {
        guard let text else { return }
        sql.searchedColumns.formUnion(["input_text", "output_text"])
        let input = sql.dialect.contains(sql.column("input_text"), sql.bind(.text(text)))
        let output = sql.dialect.contains(sql.column("output_text"), sql.bind(.text(text)))
        sql.condition("(\(input) OR \(output))")
    }
}
