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
    /// The summary columns of CSV, for programs: names and order kept from release to release.
    static let csvSummaryHeaders = ["calls", "success", "errors", "input tokens", "cache read", "output tokens", "reasoning",
                                    "cost", "unpriced", "avg latency ms"]

    /// The summary's cells in a table, as `summaryHeaders` (and `wideSummaryHeaders`) name them.
    static func summaryCells(_ s: UsageSummary, wide: Bool) -> [String] {
        let narrow = [s.calls.grouped, s.successRate.map { String(format: "%.1f%%", $0 * 100) } ?? "", (s.tokens.input ?? 0).grouped,
                      (s.tokens.output ?? 0).grouped, s.costUSD.dollars, s.averageLatencyMs.map { String(format: "%.0f", $0) } ?? ""]
        guard wide else { return narrow }
        return narrow + [s.errors.grouped, s.partials.grouped, (s.tokens.cacheRead ?? 0).grouped, (s.tokens.reasoning ?? 0).grouped,
                         s.unpricedCalls.grouped]
    }

    /// The summary's cells in CSV, as `csvSummaryHeaders` name them: plain numbers, the
    /// exact cost, success as a fraction.
    static func csvCells(_ s: UsageSummary) -> [String] {
        func count(_ value: Int64?) -> String { String(value ?? 0) }
        return [count(s.calls), s.successRate.map { String($0) } ?? "", count(s.errors), count(s.tokens.input), count(s.tokens.cacheRead),
                count(s.tokens.output), count(s.tokens.reasoning), "\(s.costUSD)", count(s.unpricedCalls),
                s.averageLatencyMs.map { String(format: "%.1f", $0) } ?? ""]
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
                let s = overview.summary
                func ms(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "" }
                guard format != .csv else {
                    return format.print(headers: StatsCommand.csvSummaryHeaders + ["partial", "p50 ms", "p95 ms", "p99 ms"],
                                        rows: [StatsCommand.csvCells(s) + [String(s.partials), ms(overview.latencyP50), ms(overview.latencyP95),
                                                                           ms(overview.latencyP99)]], json: overview.json)
                }
                func count(_ value: Int64?) -> String { (value ?? 0).grouped }
                format.print(headers: ["measure", "value"], rows: [
                    ["calls", count(s.calls)], ["success rate", s.successRate.map { String(format: "%.1f%%", $0 * 100) } ?? ""],
                    ["errors", count(s.errors)], ["partial", count(s.partials)], ["input tokens", count(s.tokens.input)],
                    ["cache read tokens", count(s.tokens.cacheRead)], ["cache write tokens", count(s.tokens.cacheWrite)],
                    ["output tokens", count(s.tokens.output)], ["reasoning tokens", count(s.tokens.reasoning)], ["cost", s.costUSD.dollars],
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
                guard format != .csv else {
                    return format.print(headers: [group] + StatsCommand.csvSummaryHeaders,
                                        rows: groups.map { [$0.key ?? "(none)"] + StatsCommand.csvCells($0.summary) }, json: .null)
                }
                let columns = [group] + StatsCommand.summaryHeaders + (wide ? StatsCommand.wideSummaryHeaders : [])
                format.print(headers: columns, rows: groups.map { row in
                    let key = bucket.map { $0.label(row) } ?? RecordCells.short(row.key ?? "(none)", wide ? .max : 22)
                    return [key] + StatsCommand.summaryCells(row.summary, wide: wide)
                }, json: ["groups": .array(groups.map(\.json))], lines: "groups")
            }
        }
    }
}
