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

    static let summaryHeaders = ["calls", "success", "errors", "input tokens", "cache read", "output tokens", "reasoning",
                                 "cost", "unpriced", "avg latency ms"]

    /// The summary's cells: formatted for people in a table, plain numbers (exact cost,
    /// success as a fraction) in JSON and CSV.
    static func summaryCells(_ s: UsageSummary, for format: OutputFormat) -> [String] {
        let human = format == .table
        func count(_ value: Int64?) -> String { human ? (value ?? 0).grouped : String(value ?? 0) }
        let success = s.successRate.map { human ? String(format: "%.1f%%", $0 * 100) : String($0) } ?? ""
        return [count(s.calls), success, count(s.errors), count(s.tokens.input), count(s.tokens.cacheRead),
                count(s.tokens.output), count(s.tokens.reasoning), human ? s.costUSD.dollars : "\(s.costUSD)",
                count(s.unpricedCalls), s.averageLatencyMs.map { String(format: "%.1f", $0) } ?? ""]
    }

    struct Overview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Totals, rates and latency percentiles of a window of calls.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filter: FilterOptions
        @Option(help: "table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let filter = try filter.filter()
            try await database.withLedger { ledger in
                let overview = try await ledger.overview(filter)
                func ms(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "" }
                format.print(headers: StatsCommand.summaryHeaders + ["partial", "p50 ms", "p95 ms", "p99 ms"],
                             rows: [StatsCommand.summaryCells(overview.summary, for: format)
                                    + [format == .table ? overview.summary.partials.grouped : String(overview.summary.partials), ms(overview.latencyP50), ms(overview.latencyP95),
                                       ms(overview.latencyP99)]])
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
        @Option(help: "table, json or csv.") var format: OutputFormat = .table

        func validate() throws {
            guard CallDimension(rawValue: group) != nil || TimeBucket(rawValue: group) != nil else {
                throw ValidationError("cannot group by '\(group)'; choose one of "
                    + (CallDimension.allCases.map(\.rawValue) + TimeBucket.allCases.map(\.rawValue)).joined(separator: ", "))
            }
        }

        func run() async throws {
            let filter = try filter.filter()
            try await database.withLedger { ledger in
                let groups: [UsageGroup]
                if let dimension = CallDimension(rawValue: group) {
                    groups = try await ledger.usage(by: dimension, filter, top: top)
                } else {
                    groups = try await ledger.usage(by: TimeBucket(rawValue: group)!, filter)
                }
                format.print(headers: [group] + StatsCommand.summaryHeaders,
                             rows: groups.map { [$0.key ?? "(none)"] + StatsCommand.summaryCells($0.summary, for: format) })
            }
        }
    }
}
