import Foundation

/// How a question over calls splits between the rollups and the raw rows: the whole hours
/// (or days) in `[fromHour, toHour)` come from rollups, the partial ones at either end
/// (`edges`) from the raw rows.
struct RollupWindow: Sendable {
    /// The first whole hour (microseconds since the epoch), nil for no lower bound.
    var fromHour: Int64?
    /// The end of the last whole hour, nil for no upper bound.
    var toHour: Int64?
    /// The filter narrowed to each partial hour at the ends.
    var edges: [LedgerFilter] = []

    /// The window for `filter`'s time range in rollups of `unit` microseconds (an hour or
    /// a day, both whole in UTC); nil when the range lies within one unit, where the raw
    /// rows answer at once.
    init?(_ filter: LedgerFilter, unit: Int64 = 3_600_000_000) {
        let floor = { (micros: Int64) in micros - ((micros % unit) + unit) % unit }
        let since = filter.since.map(Timestamp.microseconds), until = filter.until.map(Timestamp.microseconds)
        if let since { fromHour = floor(since) == since ? since : floor(since) + unit }
        if let until { toHour = floor(until) }
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
