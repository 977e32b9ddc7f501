import AILedger
import ArgumentParser
import Foundation

/// `ailedger redact`.
struct RedactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Print text as the ledger would store it: try a redaction policy before it guards real records.",
        discussion: """
            Reads a file (or standard input, -) and prints it with every value the policy finds replaced,
            line by line; standard error says how many values each detector replaced. Needs no database.
            """)
    @Argument(help: "A text file, or - for standard input.") var file: String = "-"
    @OptionGroup var privacy: PrivacyOptions

    func run() async throws {
        guard let input = file == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file) else {
            throw CommandFailure("cannot read \(file)")
        }
        let redactor = try Redactor(policy: try privacy.redactionPolicy())
        let lines = LineReader(input)
        while let line = try await lines.next() {
            print(redactor.redacted(line) ?? line)
        }
        let replaced = redactor.statistics.replaced.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        StandardError.print("\(replaced.map(\.value).reduce(0, +).grouped) values replaced"
                            + (replaced.isEmpty ? "" : ": " + replaced.map { "\($0.key) \($0.value.grouped)" }.joined(separator: ", ")))
    }
}
