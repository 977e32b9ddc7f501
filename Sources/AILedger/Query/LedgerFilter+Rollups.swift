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
}
