import AILedger
import ArgumentParser
import Foundation

/// `ailedger export`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Stream records matching the filters as CSV or JSON Lines, newest first.",
        discussion: "Memory stays bounded by one page however many records match. Fields are the schema's columns.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "calls, interactions or conversations.") var kind: RecordKind = .calls
    @Option(help: "csv or jsonl.") var format: ExportFormat = .csv
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Option(help: "Records read per page.") var pageSize = 1_000
    @OptionGroup var filter: FilterOptions

    func validate() throws {
        guard pageSize > 0 else { throw ValidationError("--page-size must be positive") }
    }

    func run() async throws {
        let filter = try filter.filter()
        let handle: FileHandle
        if let output {
            // Readable by its owner only, also when it replaces a file: an export holds prompts
            // and responses.
            let descriptor = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0, fchmod(descriptor, 0o600) == 0 else {
                throw CommandFailure("cannot write \(output): \(String(cString: strerror(errno)))")
            }
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        } else {
            handle = FileHandle.standardOutput
        }
        try await database.withLedger { ledger in
            // A progress line on a terminal while a file fills; none when the export is the output.
            let progress = output != nil && isatty(STDERR_FILENO) == 1
            var bytes = 0
            let count = try await ledger.export(kind, filter, format: format, pageSize: pageSize) { chunk in
                try handle.write(contentsOf: Data(chunk.utf8))
                bytes += chunk.utf8.count
                if progress { StandardError.write("\r\((bytes / 1_048_576).grouped) MiB written ") }
            }
            if progress { StandardError.write("\r\u{1B}[K") }
            if output != nil {
                try handle.close()
                StandardError.print("\(count.grouped) \(kind.rawValue) written to \(output!)")
            }
        }
    }
}
