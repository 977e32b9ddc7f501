import AILedger
import AILedgerConformance
import Foundation

/// The requests each dashboard view makes (Dashboard/dashboard.js) for a custom range,
/// in the page's phases: the requests of a phase go out together, a phase waits for the one
/// before. Timed against `ailedger serve` on the benchmark's database.
enum DashboardViews {
    /// View name and its phases of request paths, for the window `since`..<`until`.
    static func views(since: Date, until: Date) -> [(String, [[String]])] {
        let range = "since=\(Timestamp.iso8601(microseconds: Timestamp.microseconds(since)))"
            + "&until=\(Timestamp.iso8601(microseconds: Timestamp.microseconds(until)))"
        return [
            ("overview", [["/v1/stats/interactions?\(range)", "/v1/stats/series/day?\(range)",
                           "/v1/stats/series/day?\(range)&by=model&top=5"]]),
            ("overview, then p50/95/99", [["/v1/stats/latency/day?\(range)"]]),
            ("interactions", [["/v1/interactions?\(range)&limit=50"]]),
            ("calls", [["/v1/calls?\(range)&limit=50"]]),
            ("calls, filtered", [["/v1/calls?\(range)&limit=50&model=gpt-4o&user_id=user-17"]]),
            ("failures", [["/v1/stats/failures?\(range)&limit=50"]]),
            ("data quality", [["/v1/stats/data-quality?\(range)"]]),
            ("conversations", [["/v1/conversations?\(range)&limit=50"]]),
            ("analysis", [["/v1/stats/by/model?\(range)", "/v1/stats/by/call-type?\(range)", "/v1/stats/sql-queries?\(range)&top=20"]]),
            ("prompts", [["/v1/stats/feedback?\(range)"], ["/v1/stats/by/prompt-version?\(range)&prompt_id=support"]]),
            ("live poll", [["/v1/calls?limit=1"]]),
        ]
    }

    /// Loads `phases` from `base` as the page does; throws unless every answer is 200.
    static func load(_ phases: [[String]], from base: String) async throws {
        for phase in phases {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for path in phase {
                    group.addTask {
                        let answer = try await HTTPExchange.send("GET", base, path)
                        guard answer.status == 200 else {
                            throw LedgerError(.databaseError, "\(path): \(answer.status) \(answer.text.prefix(300))")
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}
