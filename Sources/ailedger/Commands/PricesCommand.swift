import AILedger
import ArgumentParser
import Foundation

/// `ailedger prices list|show|diff|import|recompute`.
struct PricesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices",
        abstract: "Inspect the price book, import prices, and reprice recorded calls.",
        subcommands: [List.self, Show.self, Diff.self, Import.self, Recompute.self],
        defaultSubcommand: List.self
    )

    /// Parses `2025-03-14` or a full ISO-8601 UTC time.
    static func date(_ text: String) throws -> Date {
        guard text.utf8.count <= 40, let micros = Timestamp.parse(text.utf8.count == 10 ? text + "T00:00:00Z" : text) else {
            throw ValidationError("not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
        }
        return Timestamp.date(microseconds: micros)
    }

    static func rate(_ value: Decimal?) -> String { value.map { "\($0)" } ?? "" }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the prices in force (bundled and stored), per million tokens.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this provider.") var provider: String?
        @Option(help: "Only models whose name contains this.") var model: String?
        @Option(help: "table, json (as GET /v1/prices answers), jsonl (a price per line) or csv.") var format: OutputFormat = .table
        @Flag(help: "Every column, however wide the table (CSV always has every column).") var wide = false

        func run() async throws {
            try await database.withLedger { ledger in
                let inForce = ledger.priceBook.prices
                    .filter { provider == nil || $0.provider == provider?.lowercased() }
                    .filter { model == nil || $0.model.contains(model!.lowercased()) }
                let prices = inForce.sorted { ($0.provider ?? "", $0.model, $0.effectiveFrom) < ($1.provider ?? "", $1.model, $1.effectiveFrom) }
                let full = wide || format == .csv
                format.print(headers: full ? ["provider", "model", "from", "input", "output", "cache read", "cache write", "write 1h", "reasoning", "tiers"]
                                           : ["provider", "model", "from", "input", "output", "cache read", "cache write"],
                             rows: prices.map { price in
                    let from = String(Timestamp.iso8601(microseconds: Timestamp.microseconds(price.effectiveFrom)).prefix(10))
                    let narrow = [price.provider ?? "", full ? price.model : RecordCells.short(price.model, 17), from,
                                  PricesCommand.rate(price.rates.input), PricesCommand.rate(price.rates.output),
                                  PricesCommand.rate(price.rates.cacheRead), PricesCommand.rate(price.rates.cacheWrite)]
                    guard full else { return narrow }
                    return narrow + [PricesCommand.rate(price.rates.cacheWrite1h), PricesCommand.rate(price.rates.reasoning),
                                     price.tiers.map { ">\($0.aboveInputTokens.grouped)" }.joined(separator: " ")]
                }, json: ["prices": .array(inForce.map(\.json))], lines: "prices")  // in the book's order, as the API lists them
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show which price a model is billed at, and why.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The model name as recorded (dated snapshots and provider/ prefixes work).") var model: String
        @Option(help: "The provider of the call.") var provider: String?
        @Option(help: "The time of the call (default: now).") var at: String?

        func run() async throws {
            let when = try at.map(PricesCommand.date) ?? Date()
            try await database.withLedger { ledger in
                guard let match = ledger.priceBook.match(model: model, provider: provider, at: when) else {
                    throw LedgerError(.notFound, "no price matches \(model) at that time: its calls are recorded as unpriced. "
                                      + "Add one with `ailedger prices import FILE`.")
                }
                let price = match.price
                var rows = [["matched", "\(price.model) (\(match.rule.rawValue))"], ["provider", price.provider ?? "any"],
                            ["in force from", Timestamp.iso8601(microseconds: Timestamp.microseconds(price.effectiveFrom))],
                            ["source", price.source ?? ""]]
                let sized = price.tiers.map { (" above \($0.aboveInputTokens.grouped) input", $0.rates) }
                let served = price.serviceTiers.sorted { $0.key < $1.key }.map { (" (\($0.key))", $0.value) }
                let servedSized = price.serviceTierContextTiers.sorted { $0.key < $1.key }.flatMap { name, tiers in
                    tiers.map { (" above \($0.aboveInputTokens.grouped) input (\(name))", $0.rates) }
                }
                for (label, rates) in [("", price.rates)] + sized + served + servedSized {
                    for (name, rate) in rates.billed(modalities: rates.setsModalityRates) {
                        rows.append(["\(name)\(label)", PricesCommand.rate(rate)])
                    }
                }
                print(TextTable(headers: ["", "USD per million tokens"], rows: rows).rendered)
            }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what importing a price file would change, without storing anything.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var priceFile: PriceFileOptions
        @Flag(help: "List the prices that would change nothing too.") var all = false

        func run() async throws {
            let (kind, prices, left) = try priceFile.read()
            try await database.withLedger { ledger in
                let changes = ledger.priceBook.changes(adding: prices)
                let shown = changes.filter { all || $0.kind != .unchanged }
                    .sorted { ($0.kind.rawValue, $0.price.provider ?? "", $0.price.model) < ($1.kind.rawValue, $1.price.provider ?? "", $1.price.model) }
                if !shown.isEmpty {
                    print(TextTable(headers: ["change", "provider", "model", "from", "what"], rows: shown.map { change in
                        [change.kind.rawValue, change.price.provider ?? "any", change.price.model,
                         String(Timestamp.iso8601(microseconds: Timestamp.microseconds(change.price.effectiveFrom)).prefix(10)),
                         change.kind == .added ? "input \(change.price.rates.input), output \(change.price.rates.output)"
                             : change.differences.joined(separator: "; ")]
                    }).rendered)
                }
                let count = { (kind: PriceChange.Kind) in changes.filter { $0.kind == kind }.count.grouped }
                print("The \(kind.rawValue) file: \(count(.added)) new, \(count(.changed)) changed, \(count(.unchanged)) unchanged. "
                      + "Nothing was stored: `ailedger prices import` stores them.")
                if !left.isEmpty { print("Left out (no per-token price, or a twin): " + left.joined(separator: ", ") + ".") }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store the prices of a file in the database, for every process using it.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var priceFile: PriceFileOptions

        func run() async throws {
            let (kind, prices, left) = try priceFile.read()
            try await database.withLedger { ledger in
                try await ledger.storePrices(prices)
                print("Stored \(prices.count.grouped) prices from the \(kind.rawValue) file.")
                if !left.isEmpty { print("Left out (no per-token price, or a twin): " + left.joined(separator: ", ") + ".") }
                print("Run `ailedger prices recompute` to reprice calls already recorded.")
            }
        }
    }

    struct Recompute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reprice recorded calls whose cost was not provided, with the current prices.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only calls made at or after this date.") var since: String?
        @Option(help: "Only calls made before this date.") var until: String?
        @Option(help: "Calls per batch.") var batchSize: Int = 1_000

        func run() async throws {
            let from = try since.map(PricesCommand.date), to = try until.map(PricesCommand.date)
            try await database.withLedger { ledger in
                let terminal = isatty(STDERR_FILENO) == 1
                let report = try await ledger.recomputeCosts(since: from, until: to, batchSize: batchSize) { report in
                    if terminal { StandardError.write("\r\(report.examined.grouped) calls examined, \(report.updated.grouped) updated ") }
                }
                if terminal { StandardError.write("\r\u{1B}[K") }
                print(TextTable(headers: ["calls", "count"], rows: [
                    ["examined", report.examined.grouped], ["cost provided (kept)", report.provided.grouped],
                    ["updated", report.updated.grouped], ["newly priced", report.newlyPriced.grouped],
                    ["still unpriced", report.unpriced.grouped],
                    ["cost before", report.costBefore.dollars], ["cost after", report.costAfter.dollars],
                ]).rendered)
            }
        }
    }
}
