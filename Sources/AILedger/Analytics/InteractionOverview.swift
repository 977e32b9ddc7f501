/// The overview of a window of interactions: outcomes, processing time (nearest-rank
/// percentiles, as in `UsageOverview`), users' feedback and quality, and the breakdown by
/// interaction type.
public struct InteractionOverview: Sendable, Hashable {
    /// Interactions by outcome, and the conversations and users they came from.
    public var counts: InteractionCounts
    /// The mean processing time, in milliseconds.
    public var averageLatencyMs: Double?
    /// The median processing time, in milliseconds.
    public var latencyP50: Double?
    /// The 95th-percentile processing time, in milliseconds.
    public var latencyP95: Double?
    /// The 99th-percentile processing time, in milliseconds.
    public var latencyP99: Double?
    /// Interactions a user accepted.
    public var accepted: Int64
    /// Interactions a user rejected.
    public var rejected: Int64
    /// Interactions a user accepted after changing them.
    public var modified: Int64
    /// The mean quality score users gave, where they gave one.
    public var averageQualityScore: Double?
    /// Interactions that arrived with input variables missing.
    public var withMissingVariables: Int64
    /// Per interaction type (nil: none given), most interactions first.
    public var byType: [InteractionTypeCount]

    /// Interactions without feedback.
    public var withoutFeedback: Int64 { counts.interactions - accepted - rejected - modified }
    /// The share that arrived with every input variable, from 0 to 1; nil when there are none.
    public var completeness: Double? {
        counts.interactions == 0 ? nil : Double(counts.interactions - withMissingVariables) / Double(counts.interactions)
    }
}
