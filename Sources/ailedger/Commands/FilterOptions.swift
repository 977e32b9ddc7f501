import AILedger
import ArgumentParser
import Foundation

/// The filter options every listing, reporting and export command shares.
struct FilterOptions: ParsableArguments {
    @Option(help: "Records at or after this time: YYYY-MM-DD, an ISO-8601 UTC time, or a relative span such as 24h, 7d, 2w.")
    var since: String?
    @Option(help: "Records before this time (same forms as --since).") var until: String?
    @Option(help: "Only this user.") var user: String?
    @Option(help: "Only calls to this model.") var model: String?
    @Option(help: "Only calls to this provider.") var provider: String?
    @Option(help: "Only this status: success, error or partial.") var status: Status?
    @Option(help: "Only interactions of this type.") var interactionType: String?
    @Option(help: "Only calls of this type or function name.") var callType: String?
    @Option(help: "Only this conversation (id).") var conversation: UUID?
    @Option(help: "Only this interaction (id).") var interaction: UUID?
    @Option(help: "Only this prompt id.") var prompt: String?
    @Option(help: "Only this prompt version.") var promptVersion: String?
    @Option(help: "Only this feedback: accepted, rejected or modified.") var feedback: FeedbackRating?
    @Option(help: "Quality score at least (0-100).") var minQuality: Int?
    @Option(help: "Quality score at most (0-100).") var maxQuality: Int?
    @Option(help: "Cost at least this many US dollars, e.g. 0.05.") var minCost: Decimal?
    @Option(help: "Only interactions that reported this input variable missing.") var missingVariable: String?
    @Flag(help: "Only interactions that reported some input variable missing.") var incomplete = false
    @Option(help: "Only this device.") var device: String?
    @Option(help: "Only this contact.") var contact: String?
    @Option(help: "Only this persona.") var persona: String?
    @Option(help: "Only records whose input or output contains this text (case-sensitive).") var text: String?

    /// The filter the options describe.
    func filter(now: Date = Date()) throws -> LedgerFilter {
        LedgerFilter(since: try since.map { try Self.time($0, "--since", now: now) },
                     until: try until.map { try Self.time($0, "--until", now: now) },
                     userID: user, model: model, provider: provider, status: status, interactionType: interactionType,
                     callType: callType, interactionID: interaction, conversationID: conversation, promptID: prompt,
                     promptVersion: promptVersion, feedback: feedback, minQualityScore: minQuality,
                     maxQualityScore: maxQuality, minCostUSD: minCost, missingVariable: missingVariable,
                     hasMissingVariables: incomplete ? true : nil, deviceID: device, contactID: contact,
                     personaID: persona, text: text)
    }

    /// A time bound, as `LedgerFilter.time` reads it, with its error as the option's.
    static func time(_ text: String, _ option: String, now: Date) throws -> Date {
        do {
            return try LedgerFilter.time(text, field: option, now: now)
        } catch let error as LedgerError {
            throw ValidationError(error.message)
        }
    }
}
