/// User feedback on the interactions of one prompt version: seed 001's A/B question.
public struct FeedbackSummary: Sendable, Hashable {
    /// The prompt (nil for interactions recorded without one).
    public var promptID: String?
    /// The prompt's version (nil for interactions recorded without one).
    public var promptVersion: String?
    /// Interactions made with this prompt version.
    public var interactions: Int64
    /// Interactions whose output the user accepted.
    public var accepted: Int64
    /// Interactions whose output the user rejected.
    public var rejected: Int64
    /// Interactions whose output the user edited before using it.
    public var modified: Int64
    /// Mean quality score (0-100) over the interactions that have one.
    public var averageQualityScore: Double?
    /// Mean edit distance over the interactions that have one.
    public var averageEditDistance: Double?

    /// Interactions with any feedback.
    public var rated: Int64 { accepted + rejected + modified }
    /// The share of rated interactions accepted as they were, from 0 to 1; nil when none
    /// was rated.
    public var acceptanceRate: Double? { rated == 0 ? nil : Double(accepted) / Double(rated) }
}
