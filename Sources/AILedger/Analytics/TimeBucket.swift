/// A period calls are grouped into. Buckets are in UTC; weeks start on Monday.
public enum TimeBucket: String, Sendable, CaseIterable {
    case hour, day, week, month
    /// The hour of the day, 0 to 23, across all days: seed 002's "hourly usage pattern".
    case hourOfDay = "hour-of-day"
}
