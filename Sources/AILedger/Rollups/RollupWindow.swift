import Foundation

/// How a question over calls splits between the rollups and the raw rows: the whole hours
/// in `[fromHour, toHour)` come from rollups, the partial hours at either end (`edges`)
/// from the raw rows.
struct RollupWindow: Sendable {
    /// The first whole hour (microseconds since the epoch), nil for no lower bound.
    var fromHour: Int64?
    /// The end of the last whole hour, nil for no upper bound.
    var toHour: Int64?
    /// The filter narrowed to each partial hour at the ends.
    var edges: [LedgerFilter] = []

    /// The window for `filter`'s time range; nil when the range lies within one hour,
    /// where the raw rows answer at once.
    init?(_ filter: LedgerFilter) {
        let hour: Int64 = 3_600_000_000
        let since = filter.since.map(Timestamp.microseconds), until = filter.until.map(Timestamp.microseconds)
        if let since {
            let floor = CallRollupKey.hour(of: since)
            fromHour = floor == since ? since : floor + hour
        }
        if let until { toHour = CallRollupKey.hour(of: until) }
        if let fromHour, let toHour, fromHour >= toHour { return nil }
        if let since, let fromHour, since < fromHour {
            var edge = filter
            edge.until = Timestamp.date(microseconds: fromHour)
            edges.append(edge)
        }
        if let until, let toHour, toHour < until {
            var edge = filter
            edge.since = Timestamp.date(microseconds: toHour)
            edges.append(edge)
        }
    }
}
