/// What a user did with an AI result.
public enum FeedbackRating: String, Sendable, Codable, CaseIterable {
    /// The user kept the result as it was.
    case accepted
    /// The user discarded the result.
    case rejected
    /// The user kept the result after editing it.
    case modified
}
