import AILedger
import ArgumentParser

/// `ailedger interactions list`.
struct InteractionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interactions", abstract: "List recorded interactions.", subcommands: [List.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Interactions matching the filters, newest first.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filter: FilterOptions
        @OptionGroup var page: PageOptions

        func run() async throws {
            let filter = try filter.filter()
            try await database.withLedger { ledger in
                try await page.list({ try await ledger.interactions(filter, limit: $0, after: $1) }, name: "interactions",
                                    headers: RecordCells.interactionHeaders(wide:), cells: RecordCells.interaction, json: \.json, cursor: PageCursor.init(after:))
            }
        }
    }
}
