import AILedger
import ArgumentParser
import Foundation

extension StatsCommand {
    struct Failures: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Failed calls newest first, with their error, input and interaction, and counts per error code.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filter: FilterOptions
        @OptionGroup var page: PageOptions

        func run() async throws {
            let filter = try filter.filter()
            let format = page.format
            try await database.withLedger { ledger in
                var failed = filter
                failed.status = .error
                if format == .table {
                    let codes = try await ledger.usage(by: .errorCode, failed, top: 10)
                    print(TextTable(headers: ["error code", "failures"], rows: codes.map {
                        [$0.key ?? "(none)", $0.summary.calls.grouped]
                    }).rendered + "\n")
                }
                let failures = try await ledger.failures(filter, limit: page.limit, after: page.cursor)
                let width = format == .table ? 60 : Int.max, wide = page.showsEverything
                format.print(headers: wide ? ["time (UTC)", "call", "model", "user", "interaction type", "error", "input"]
                                           : ["time (UTC)", "model", "error"], rows: failures.map { f in
                    let error = [f.call.errorCode, f.call.errorMessage].compactMap { $0 }.joined(separator: ": ")
                    guard wide else { return [RecordCells.minute(f.call.createdAt), RecordCells.short(f.call.model, 18), RecordCells.short(error, 42)] }
                    return [RecordCells.time(f.call.createdAt), f.call.id.ledgerString, f.call.model, f.call.userID ?? "",
                            f.interaction?.interactionType ?? "", RecordCells.short(error, width),
                            RecordCells.short(f.call.inputText ?? f.interaction?.inputText, width)]
                }, json: ["failures": .array(failures.map(\.json)),
                          "next": failures.count == page.limit ? failures.last.map { .string(PageCursor(after: $0.call).token) } ?? .null : .null],
                   lines: "failures")
                if format != .json { page.printNext(failures.last.map { PageCursor(after: $0.call) }, count: failures.count) }
            }
        }
    }

    struct DataQuality: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "data-quality", abstract: "Which input variables go missing, how often, in which interaction types.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filter: FilterOptions
        @Option(help: OutputFormat.help) var format: OutputFormat = .table

        func run() async throws {
            let filter = try filter.filter()
            try await database.withLedger { ledger in
                let report = try await ledger.dataQuality(filter)
                if format == .table {
                    let complete = report.completeness.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
                    print("\(report.interactions.grouped) interactions, \(report.withMissingVariables.grouped) with missing variables, "
                          + "\(complete) complete\n")
                }
                format.print(headers: ["variable", "interaction type", "interactions"], rows: report.missingVariables.map {
                    [$0.variable, $0.interactionType ?? "(none)", RecordCells.number($0.count, format)]
                }, json: report.json, lines: "missing_variables")
            }
        }
    }

    struct FeedbackReport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "feedback", abstract: "Accepted, rejected and modified outputs and average quality per prompt version.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filter: FilterOptions
        @Option(help: OutputFormat.help) var format: OutputFormat = .table
        @Flag(help: "Every column, however wide the table.") var wide = false

        func run() async throws {
            let filter = try filter.filter()
            try await database.withLedger { ledger in
                let groups = try await ledger.feedbackSummary(filter)
                func rate(_ value: Double?) -> String {
                    value.map { format == .table ? String(format: "%.1f%%", $0 * 100) : String($0) } ?? ""
                }
                func mean(_ value: Double?) -> String { value.map { format == .table ? String(format: "%.1f", $0) : String($0) } ?? "" }
                let wide = wide || format == .csv
                format.print(headers: ["prompt", "version"] + (wide ? ["interactions", "rated"] : []) + ["accepted", "rejected", "modified", "acceptance"]
                                 + (wide ? ["avg quality", "avg edit distance"] : ["quality"]), rows: groups.map { g in
                    [RecordCells.short(g.promptID ?? "(none)", wide ? .max : 16), RecordCells.short(g.promptVersion ?? "(none)", wide ? .max : 10)]
                        + (wide ? [RecordCells.number(g.interactions, format), RecordCells.number(g.rated, format)] : [])
                        + [RecordCells.number(g.accepted, format), RecordCells.number(g.rejected, format),
                           RecordCells.number(g.modified, format), rate(g.acceptanceRate), mean(g.averageQualityScore)]
                        + (wide ? [mean(g.averageEditDistance)] : [])
                }, json: ["prompts": .array(groups.map(\.json))], lines: "prompts")
            }
        }
    }
}
