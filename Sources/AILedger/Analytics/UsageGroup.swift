import Foundation

/// Usage of one group: a dimension's value, or a time bucket.
public struct UsageGroup: Sendable, Hashable {
    /// The dimension's value (nil for calls without one), or the bucket's label: its start
    /// as `YYYY-MM-DDTHH:MM:SSZ`, or the hour `0`...`23` for hour of day.
    public var key: String?
    /// The bucket's start, for time buckets other than hour of day.
    public var start: Date?
    /// The totals of the group.
    public var summary: UsageSummary
}
