import AILedger
import ArgumentParser
import Foundation

/// `ailedger stats overview|by|failures|data-quality|feedback`.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Overview, breakdowns, failures, data quality and feedback of what was recorded.",
        subcommands: [Overview.self, By.self, Failures.self, DataQuality.self, FeedbackReport.self],
        defaultSubcommand: Overview.self
    )

    /// The summary columns of a table 80 characters wide, then those `--wide` adds.
    static let summaryHeaders = ["calls", "success", "in tok", "out tok", "cost", "avg ms"]
    static let wideSummaryHeaders = ["errors", "partial", "cache read", "reasoning", "unpriced"]

    /// The summary's cells for people, as `summaryHeaders` (and `wideSummaryHeaders`) name
    /// them; CSV has plain numbers, the exact cost and success as a fraction.
    static func summaryCells(_ s: UsageSummary, for format: OutputFormat, wide: Bool) -> [String] {
        let human = format == .table
        func count(_ value: Int64?) -> String { human ? (value ?? 0).grouped : String(value ?? 0) }
        let success = s.successRate.map { human ? String(format: "%.1f%%", $0 * 100) : String($0) } ?? ""
        let narrow = [count(s.calls), success, count(s.tokens.input), count(s.tokens.output), human ? s.costUSD.dollars : "\(s.costUSD)",
                      s.averageLatencyMs.map { String(format: human ? "%.0f" : "%.1f", $0) } ?? ""]
        guard wide else { return narrow }
        return narrow + [count(s.errors), count(s.partials), count(s.tokens.cacheRead), count(s.tokens.reasoning), count(s.unpricedCalls)]
    }

    struct Overview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Totals, rates and latency percentiles of a window of calls.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filter: FilterOptions
        @Option(help: OutputFormat.help) var format: OutputFormat = .table

        func run() async throws {
            let filter = try filter.filter()
            try await database.withLedger { ledger in
                let overview = try await ledger.overview(filter)
                let s = overview.summary, human = format == .table
                func count(_ value: Int64?) -> String { human ? (value ?? 0).grouped : String(value ?? 0) }
                func ms(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "" }
                func share(_ value: Double?) -> String { value.map { human ? String(format: "%.1f%%", $0 * 100) : String($0) } ?? "" }
                format.print(headers: ["measure", "value"], rows: [
                    ["calls", count(s.calls)], ["success rate", share(s.successRate)], ["errors", count(s.errors)],
                    ["partial", count(s.partials)], ["input tokens", count(s.tokens.input)], ["cache read tokens", count(s.tokens.cacheRead)],
                    ["cache write tokens", count(s.tokens.cacheWrite)], ["output tokens", count(s.tokens.output)],
                    ["reasoning tokens", count(s.tokens.reasoning)], ["cost", human ? s.costUSD.dollars : "\(s.costUSD)"],
                    ["calls without a price", count(s.unpricedCalls)], ["average latency ms", ms(s.averageLatencyMs)],
                    ["p50 latency ms", ms(overview.latencyP50)], ["p95 latency ms", ms(overview.latencyP95)],
                    ["p99 latency ms", ms(overview.latencyP99)],
                ], json: overview.json)
            }
        }
    }

    struct By: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Totals grouped by a dimension or a time bucket.",
            discussion: "GROUP: \((CallDimension.allCases.map(\.rawValue) + TimeBucket.allCases.map(\.rawValue)).joined(separator: ", "))")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "What to group by.") var group: String
        @OptionGroup var filter: FilterOptions
        @Option(help: "At most this many groups (dimensions only).") var top: Int?
        @Option(help: OutputFormat.help) var format: OutputFormat = .table
        @Flag(help: "Every column, however wide the table.") var wide = false

        func validate() throws {
            guard CallDimension(rawValue: group) != nil || TimeBucket(rawValue: group) != nil else {
                throw ValidationError("cannot group by '\(group)'; choose one of "
                    + (CallDimension.allCases.map(\.rawValue) + TimeBucket.allCases.map(\.rawValue)).joined(separator: ", "))
            }
        }

        func run() async throws {
            let filter = try filter.filter()
            try await database.withLedger { ledger in
                let groups: [UsageGroup], bucket = TimeBucket(rawValue: group)
                if let dimension = CallDimension(rawValue: group) {
                    groups = try await ledger.usage(by: dimension, filter, top: top)
                } else {
                    groups = try await ledger.usage(by: bucket!, filter)
                }
                let full = wide || format == .csv  // CSV is for programs: every column
                let columns = [group] + StatsCommand.summaryHeaders + (full ? StatsCommand.wideSummaryHeaders : [])
                format.print(headers: columns, rows: groups.map { row in
                    let key = format != .table ? row.key ?? "" : bucket.map { $0.label(row) } ?? RecordCells.short(row.key ?? "(none)", full ? .max : 22)
                    return [key] + StatsCommand.summaryCells(row.summary, for: format, wide: full)
                }, json: ["groups": .array(groups.map(\.json))], lines: "groups")
            }
        }
    }
}
