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
            how far it got. An archive written by `retention apply --archive FILE` (lines of
            {"kind": ..., "record": ...}) is loaded whole, conversations first.
            """)
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "A JSON Lines file (gzipped when its name ends in .gz), or - for standard input.") var file: String
    @Option(help: "calls, interactions or conversations.") var kind: RecordKind = .calls
    @OptionGroup var privacy: PrivacyOptions

    func run() async throws {
        guard file == "-" || FileManager.default.isReadableFile(atPath: file) else { throw CommandFailure("cannot read \(file)") }
        let ledger = try await Ledger.open(url: try database.resolvedURL(), drivers: AILedgerCommand.drivers, writer: WriterOptions(),
                                           redaction: try privacy.redactionPolicy(),
                                           encryption: try EncryptionSettings.encryption(configuration: try privacy.configuration()))
        let progress = isatty(STDERR_FILENO) == 1
        var accepted = 0, failed = 0
        var archive = false
        do {
            // An archive from `retention apply` holds every kind, children before parents:
            // read it once per kind, parents first.
            archive = file == "-" ? false : try await Self.isArchive(try reader())
            for pass in archive ? [RecordKind.conversations, .interactions, .calls] : [kind] {
                let lines = try reader()
                var lineNumber = 0
                while let line = try await lines.next() {
                    lineNumber += 1
                    guard !line.allSatisfy(\.isWhitespace) else { continue }
                    do {
                        var json = try JSONValue(jsonText: line)
                        if archive {
                            guard case .object(let entry) = json, case .string(let name)? = entry["kind"], let record = entry["record"],
                                  let recordKind = RecordKind(rawValue: name + "s") else {
                                throw LedgerError(.invalidRecord, "an archive line is {\"kind\": \"call\"|\"interaction\"|\"conversation\", \"record\": {...}}")
                            }
                            guard recordKind == pass else { continue }
                            json = record
                        }
                        var batch = RecordBatch()
                        try batch.add(json: json, as: pass)
                        try await ledger.record(batch)
                        accepted += 1
                    } catch let error as LedgerError where error.kind == .invalidRecord || error.kind == .decodingFailed {
                        failed += 1
                        let reason = error.kind == .decodingFailed ? "not JSON" : error.message
                        StandardError.print("\(progress ? "\r" : "")line \(lineNumber): \(reason)")
                    }
                    if progress && lineNumber % 1_000 == 0 { StandardError.write("\r\(accepted.grouped) recorded, \(failed.grouped) failed") }
                }
                // Parents committed before their children are read.
                if archive { _ = await ledger.flush() }
            }
        } catch {
            await ledger.close()
            throw error
        }
        let left = await ledger.close()
        let refused = ledger.writerStatistics?.rejected ?? 0  // by the database, e.g. a parent never recorded
        if progress { StandardError.write("\r") }
        print("\(accepted.grouped) \(archive ? "records" : kind.rawValue) recorded, \(failed.grouped) lines failed"
              + (refused == 0 ? "" : ", \(refused.grouped) records refused by the database")
              + (left.isComplete ? "" : ", \(left.unwritten.grouped) records could not be written"))
        if failed > 0 || refused > 0 || !left.isComplete { throw ExitCode(1) }
    }

    /// The file's lines, read through gzip when its name ends in `.gz`.
    func reader() throws -> LineReader {
        if file == "-" { return LineReader(FileHandle.standardInput) }
        if file.hasSuffix(".gz") { return LineReader(GzipMembers(path: file)) }
        guard let handle = FileHandle(forReadingAtPath: file) else { throw CommandFailure("cannot read \(file)") }
        return LineReader(handle)
    }

    /// Whether the first line that is not blank is an archive line.
    static func isArchive(_ lines: LineReader) async throws -> Bool {
        while let line = try await lines.next() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            guard case .object(let entry)? = try? JSONValue(jsonText: line) else { return false }
            return entry.count == 2 && entry["kind"] != nil && entry["record"] != nil
        }
        return false
    }
}
