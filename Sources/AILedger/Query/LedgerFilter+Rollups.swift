extension LedgerFilter {
    /// Whether the hourly call rollups can answer for this filter: it names nothing but a
    /// time range, model, provider, status and call type.
    var isCoveredByCallRollups: Bool {
        var rest = self
        rest.since = nil
        rest.until = nil
        rest.model = nil
        rest.provider = nil
        rest.status = nil
        rest.callType = nil
        return rest == LedgerFilter()
    }

    /// Whether the daily user rollups can answer for this filter: it names nothing but a
    /// time range and a user.
    var isCoveredByUserRollups: Bool {
        var rest = self
        rest.since = nil
        rest.until = nil
        rest.userID = nil
        return rest == LedgerFilter()
    }

    /// Whether the hourly prompt rollups can answer for this filter: it names nothing but a
    /// time range, interaction type, prompt and prompt version, and, with
    /// `interactionStatus` (a question about interactions, not their calls), a status.
    func isCoveredByPromptRollups(interactionStatus: Bool) -> Bool {
        var rest = self
        rest.since = nil
        rest.until = nil
        rest.interactionType = nil
        rest.promptID = nil
        rest.promptVersion = nil
        if interactionStatus { rest.status = nil }
        return rest == LedgerFilter()
    }
}
