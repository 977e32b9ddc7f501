import AILedger
import ArgumentParser
import Foundation

/// `ailedger feedback`.
struct FeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback", abstract: "Record a user's verdict on an interaction, replacing any earlier one.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The interaction's id.") var interaction: UUID
    @Argument(help: "accepted, rejected or modified.") var rating: FeedbackRating
    @Option(help: "The user's comment.") var comment: String?
    @Option(help: "A quality score from 0 to 100.") var score: Int?
    @Option(help: "How many characters the user changed.") var editDistance: Int?

    func run() async throws {
        let feedback = Feedback(rating: rating, comment: comment, qualityScore: score, editDistance: editDistance)
        try await database.withLedger { ledger in
            try await ledger.recordFeedback(feedback, forInteraction: interaction)
            print("recorded \(rating.rawValue) for interaction \(interaction.ledgerString)")
        }
    }
}
