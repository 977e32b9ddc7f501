import AILedger
import Foundation
import Hummingbird

/// The query parameters of a list or report route, read into a `LedgerFilter`, a page
/// size and a cursor. An unknown parameter is refused by name.
struct ListQuery {
    var filter = LedgerFilter()
    var limit = 50
    var cursor: PageCursor?
    var top: Int?

    /// The parameters every list and report takes.
    static let names: Set<String> = ["since", "until", "user_id", "model", "provider", "status", "call_type",
                                     "interaction_type", "conversation_id", "interaction_id", "prompt_id", "prompt_version",
                                     "feedback", "min_quality_score", "max_quality_score", "min_cost_usd", "missing_variable",
                                     "has_missing_variables", "device_id", "contact_id", "persona_id", "text",
                                     "limit", "after", "top"]

    init<Parameters: Sequence>(_ parameters: Parameters, maxLimit: Int, now: Date = Date()) throws
    where Parameters.Element == (key: Substring, value: Substring) {
        for (name, value) in parameters {
            let name = String(name), text = String(value)
            guard Self.names.contains(name) else {
                let shown = name.unicodeScalars.count <= 64 ? name : String(name.unicodeScalars.prefix(64)) + "…"
                throw APIError.badRequest("\(shown): is not a known query parameter")
            }
            do {
                if text.utf8.contains(0) { throw LedgerError.invalid(name, "must not contain a NUL character") }
                try set(name, text, maxLimit: maxLimit, now: now)
            } catch let error as LedgerError {
                throw APIError.badRequest(error.message)
            }
        }
    }

    private mutating func set(_ name: String, _ text: String, maxLimit: Int, now: Date) throws {
        func id() throws -> UUID {
            guard text.utf8.count == 36, let id = UUID(uuidString: text) else { throw LedgerError.invalid(name, "must be a UUID") }
            return id
        }
        switch name {
        case "since": filter.since = try LedgerFilter.time(text, field: name, now: now)
        case "until": filter.until = try LedgerFilter.time(text, field: name, now: now)
        case "user_id": filter.userID = text
        case "model": filter.model = text
        case "provider": filter.provider = text
        case "call_type": filter.callType = text
        case "interaction_type": filter.interactionType = text
        case "prompt_id": filter.promptID = text
        case "prompt_version": filter.promptVersion = text
        case "device_id": filter.deviceID = text
        case "contact_id": filter.contactID = text
        case "persona_id": filter.personaID = text
        case "missing_variable": filter.missingVariable = text
        case "text": filter.text = text
        case "feedback":
            guard let rating = FeedbackRating(rawValue: text) else {
                throw LedgerError.invalid(name, "must be one of \(FeedbackRating.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.feedback = rating
        case "min_quality_score", "max_quality_score":
            guard text.utf8.count <= 9, let score = Int(text) else { throw LedgerError.invalid(name, "must be a whole number") }
            if name == "min_quality_score" { filter.minQualityScore = score } else { filter.maxQualityScore = score }
        case "min_cost_usd":
            guard text.utf8.count <= 40, !text.isEmpty, text.allSatisfy({ "0123456789.".contains($0) }), let cost = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), cost.isFinite,
                  cost >= 0 else {
                throw LedgerError.invalid(name, "must be a non-negative decimal number of US dollars")
            }
            filter.minCostUSD = cost
        case "has_missing_variables":
            guard let flag = ["true": true, "false": false][text] else { throw LedgerError.invalid(name, "must be true or false") }
            filter.hasMissingVariables = flag
        case "status":
            guard let status = Status(rawValue: text) else { throw LedgerError.invalid(name, "must be success, error or partial") }
            filter.status = status
        case "conversation_id": filter.conversationID = try id()
        case "interaction_id": filter.interactionID = try id()
        case "limit":
            guard text.utf8.count <= 9, let limit = Int(text), (1...maxLimit).contains(limit) else {
                throw LedgerError.invalid(name, "must be a whole number from 1 to \(maxLimit)")
            }
            self.limit = limit
        case "top":
            guard text.utf8.count <= 9, let top = Int(text), top > 0 else { throw LedgerError.invalid(name, "must be a positive whole number") }
            self.top = top
        case "after":
            guard let cursor = PageCursor(token: text) else { throw LedgerError.invalid(name, "is not a cursor this server gave") }
            self.cursor = cursor
        default: break
        }
    }
}
