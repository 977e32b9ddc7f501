import Foundation

/// A user's verdict on an interaction's result.
public struct Feedback: Sendable, Hashable, Codable {
    /// Accepted, rejected or modified.
    public var rating: FeedbackRating
    /// The user's comment, if any.
    public var comment: String?
    /// A quality score from 0 to 100.
    public var qualityScore: Int?
    /// Characters changed between the AI's output and what the user kept.
    public var editDistance: Int?
    /// When the feedback was given.
    public var at: Date

    /// Creates feedback.
    public init(rating: FeedbackRating, comment: String? = nil, qualityScore: Int? = nil,
                editDistance: Int? = nil, at: Date = Date()) {
        self.rating = rating
        self.comment = comment
        self.qualityScore = qualityScore
        self.editDistance = editDistance
        self.at = Timestamp.rounded(at)
    }
}
