import AILedger
import ArgumentParser
import Foundation

/// `ailedger ingest`.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Record JSON Lines from a file or standard input: one record per line, as the server takes them.",
        discussion: """
            Each line is one record in its JSON form (docs/SCHEMA.md; an interaction may carry its calls
            inline). Lines that fail are reported by number and field on standard error and the others
            are kept; the exit status is 1 when any line failed. On a terminal, a progress line shows
            how far it got.
            """)
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "A JSON Lines file, or - for standard input.") var file: String
    @Option(help: "calls, interactions or conversations.") var kind: RecordKind = .calls
    @OptionGroup var privacy: PrivacyOptions

    func run() async throws {
        guard let input = file == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        let ledger = try await Ledger.open(url: try database.resolvedURL(), drivers: AILedgerCommand.drivers, writer: WriterOptions(),
                                           redaction: try privacy.redactionPolicy())
        let progress = isatty(STDERR_FILENO) == 1
        var lineNumber = 0, accepted = 0, failed = 0
        let lines = LineReader(input)
        do {
            while let line = try await lines.next() {
                lineNumber += 1
                guard !line.allSatisfy(\.isWhitespace) else { continue }
                do {
                    var batch = RecordBatch()
                    try batch.add(json: try JSONValue(jsonText: line), as: kind)
                    try await ledger.record(batch)
                    accepted += 1
                } catch let error as LedgerError where error.kind == .invalidRecord || error.kind == .decodingFailed {
                    failed += 1
                    let reason = error.kind == .decodingFailed ? "not JSON" : error.message
                    StandardError.print("\(progress ? "\r" : "")line \(lineNumber): \(reason)")
                }
                if progress && lineNumber % 1_000 == 0 { StandardError.write("\r\(accepted.grouped) recorded, \(failed.grouped) failed") }
            }
        } catch {
            await ledger.close()
            throw error
        }
        let left = await ledger.close()
        let refused = ledger.writerStatistics?.rejected ?? 0  // by the database, e.g. a parent never recorded
        if progress { StandardError.write("\r") }
        print("\(accepted.grouped) \(kind.rawValue) recorded, \(failed.grouped) lines failed"
              + (refused == 0 ? "" : ", \(refused.grouped) records refused by the database")
              + (left.isComplete ? "" : ", \(left.unwritten.grouped) records could not be written"))
        if failed > 0 || refused > 0 || !left.isComplete { throw ExitCode(1) }
    }
}
