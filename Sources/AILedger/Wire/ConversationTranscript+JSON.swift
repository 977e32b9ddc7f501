extension ConversationTranscript {
    /// The transcript's JSON form: the conversation's fields, its `turns` (each turn the
    /// interaction's fields and its `calls`), the `other_calls` of no turn, and the `totals`
    /// (see `UsageSummary.jsonFields`).
    public var json: JSONValue {
        guard case .object(var fields) = conversation.json else { return .null }
        fields["turns"] = .array(turns.map { turn in
            guard case .object(var turnFields) = turn.interaction.json else { return .null }
            turnFields["calls"] = .array(turn.calls.map(\.json))
            return .object(turnFields)
        })
        fields["other_calls"] = .array(otherCalls.map(\.json))
        fields["totals"] = .object(usage.jsonFields)
        return .object(fields)
    }
}
