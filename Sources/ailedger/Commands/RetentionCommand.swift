import AILedger
import ArgumentParser
import Foundation

/// `ailedger retention apply`.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Remove records older than a number of days, archiving them first if asked.",
        subcommands: [Apply.self],
        defaultSubcommand: Apply.self
    )

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete (or archive, then delete) records older than --older-than.",
            discussion: """
                Whole UTC days go: the cutoff is midnight before now minus --older-than. Children go \
                before parents, at most --batch-size rows per transaction, so locks stay short; a run \
                stopped at any point loses nothing and archives nothing twice when run again. The \
                rollups keep counting what was removed unless --include-rollups is given. \
                `ailedger ingest FILE` loads a file archive back.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("How old a record must be to go: days (90d or 90) or weeks (12w).", valueName: "age"))
        var olderThan: String
        @Option(help: "calls, interactions, conversations or all.") var kind: RetentionKind = .all
        @Option(help: ArgumentHelp("Where rows go first: table (the ailedger_*_archive tables), or a FILE.jsonl or FILE.jsonl.gz.",
                                   valueName: "table|file"))
        var archive: String?
        @Flag(help: "Count what would go; change nothing.") var dryRun = false
        @Flag(help: "Remove the rollups of the removed days too, so dashboards stop counting them.") var includeRollups = false
        @Option(help: "Rows per transaction at most (1 to 5000).") var batchSize = 5_000

        func validate() throws {
            _ = try RetentionCommand.days(olderThan)
            guard (1...5_000).contains(batchSize) else { throw ValidationError("--batch-size must be from 1 to 5000") }
        }

        func run() async throws {
            let policy = RetentionPolicy(days: try RetentionCommand.days(olderThan), kind: kind,
                                         archive: try RetentionCommand.archive(archive), includeRollups: includeRollups, batchSize: batchSize)
            let terminal = isatty(STDERR_FILENO) == 1
            try await database.withLedger { ledger in
                let report = try await ledger.applyRetention(policy, dryRun: dryRun) { report in
                    guard terminal else { return }
                    StandardError.write("\r\(report.total.grouped) rows removed ")
                }
                if terminal { StandardError.write("\r\u{1B}[K") }
                print(RetentionCommand.describe(report))
            }
        }
    }

    /// Days in `text`: `90d`, `90`, or `12w`.
    static func days(_ text: String) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let weeks = trimmed.hasSuffix("w")
        let number = trimmed.hasSuffix("d") || weeks ? String(trimmed.dropLast()) : trimmed
        guard let count = Int(number), count >= 1, count <= 100_000 else {
            throw ValidationError("--older-than takes days (90d or 90) or weeks (12w), at least 1 day")
        }
        return weeks ? count * 7 : count
    }

    /// The archive `text` names.
    static func archive(_ text: String?) throws -> RetentionArchive {
        guard let text, text != "none" else { return .none }
        if text == "table" { return .table }
        guard text.hasSuffix(".jsonl") || text.hasSuffix(".jsonl.gz") else {
            throw ValidationError("--archive takes table, or a file named *.jsonl or *.jsonl.gz")
        }
        return .file(text.hasSuffix(".gz") ? GzipArchiveFile(path: text) as any RetentionArchiveFile : JSONLinesArchiveFile(path: text))
    }

    /// One line per table: what went (or would go), and what was archived.
    static func describe(_ report: RetentionReport) -> String {
        let day = String(Timestamp.iso8601(microseconds: Timestamp.microseconds(report.cutoff)).prefix(10))
        let names = ["ailedger_calls": "calls", "ailedger_interactions": "interactions", "ailedger_sql_queries": "SQL statements",
                     "ailedger_conversations": "conversations"]
        var lines = [report.dryRun ? "Would remove, recorded before \(day):" : "Removed, recorded before \(day):"]
        for table in ["ailedger_calls", "ailedger_interactions", "ailedger_sql_queries", "ailedger_conversations"] {
            let deleted = report.deleted[table] ?? 0
            if table == "ailedger_sql_queries" && deleted == 0 { continue }
            let archived = report.archived[table].map { ", \($0.grouped) archived" } ?? ""
            lines.append("  \((names[table] ?? table).padding(toLength: 15, withPad: " ", startingAt: 0)) \(deleted.grouped)\(archived)")
        }
        let rollups = report.deleted.filter { !names.keys.contains($0.key) }.values.reduce(0, +)
        if rollups > 0 { lines.append("  rollup rows     \(rollups.grouped)") }
        if !report.droppedPartitions.isEmpty {
            let verb = report.dryRun ? "would be dropped" : "dropped"
            lines.append("  of the calls, whole months \(verb): \(report.droppedPartitions.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }
}
