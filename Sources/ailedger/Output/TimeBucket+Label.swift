import AILedger

extension TimeBucket {
    /// `group`'s bucket as people read it in a table: `2026-11-24 13:00` for an hour, the
    /// date of a day or of a week's Monday, `2026-11` for a month, and the hour of day as is.
    func label(_ group: UsageGroup) -> String {
        guard let start = group.start else { return group.key ?? "(none)" }
        let text = Timestamp.iso8601(microseconds: Timestamp.microseconds(start))  // 2026-11-24T13:00:00Z
        switch self {
        case .hour: return text.prefix(10) + " " + text.dropFirst(11).prefix(5)
        case .month: return String(text.prefix(7))
        case .day, .week, .hourOfDay: return String(text.prefix(10))
        }
    }
}
