import AILedger
import ArgumentParser
import Foundation

/// The filter options every reporting command shares.
struct CallFilterOptions: ParsableArguments {
    @Option(help: "Calls at or after this time: YYYY-MM-DD, an ISO-8601 UTC time, or a relative span such as 24h, 7d, 2w.")
    var since: String?
    @Option(help: "Calls before this time (same forms as --since).") var until: String?
    @Option(help: "Only this model.") var model: String?
    @Option(help: "Only this provider.") var provider: String?
    @Option(help: "Only this user.") var user: String?
    @Option(help: "Only this status: success, error or partial.") var status: String?

    /// The filter the options describe.
    func filter(now: Date = Date()) throws -> CallFilter {
        var statusValue: Status?
        if let status {
            guard let parsed = Status(rawValue: status) else { throw ValidationError("--status must be success, error or partial") }
            statusValue = parsed
        }
        return CallFilter(since: try since.map { try Self.time($0, now: now) }, until: try until.map { try Self.time($0, now: now) },
                          userID: user, model: model, provider: provider, status: statusValue)
    }

    /// `2025-03-14`, `2025-03-14T05:00:00Z`, or `30m` / `24h` / `7d` / `2w` before `now`.
    static func time(_ text: String, now: Date) throws -> Date {
        let units: [Character: Double] = ["m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        if let unit = text.last, let seconds = units[unit], let amount = Double(text.dropLast()), amount >= 0 {
            return now.addingTimeInterval(-amount * seconds)
        }
        return try PricesCommand.date(text)
    }
}
