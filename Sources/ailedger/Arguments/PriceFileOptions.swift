import AILedger
import ArgumentParser
import Foundation

/// A price file named on the command line, with its format and (LiteLLM) start date.
struct PriceFileOptions: ParsableArguments {
    /// A price file's format, as named on the command line.
    enum Format: String, ExpressibleByArgument { case auto, ailedger, litellm }

    @Argument(help: "A price file.") var file: String
    @Option(help: "auto (told from the content), ailedger (the bundled format) or litellm (model_prices_and_context_window.json).")
    var format: Format = .auto
    @Option(help: "For litellm files: the date the prices start (default: today).") var effectiveFrom: String?

    /// The file's prices, its format, and what it left out (LiteLLM files), counted.
    func read() throws -> (kind: PriceFileFormat, prices: [Price], left: [String]) {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot read \(file) as UTF-8 text")
        }
        let kind = try format == .auto ? PriceFileFormat(detecting: text) : format == .litellm ? .litellm : .ailedger
        switch kind {
        case .ailedger: return (kind, try PriceBook(json: text).prices, [])
        case .litellm:
            let start = try effectiveFrom.map(PricesCommand.date) ?? Timestamp.date(microseconds: Timestamp.parse(
                String(Timestamp.iso8601(microseconds: Timestamp.microseconds(Date())).prefix(10)) + "T00:00:00Z")!)
            let read = try LiteLLMPriceFile(text, effectiveFrom: start, source: file)
            var left = read.skipped.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.value.grouped) \($0.key)" }
            if read.duplicates > 0 { left.append("\(read.duplicates.grouped) naming a model and provider already read") }
            return (kind, read.prices, left)
        }
    }
}
