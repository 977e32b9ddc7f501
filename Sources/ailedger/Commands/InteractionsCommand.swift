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
                let found = try await ledger.interactions(filter, limit: page.limit, after: page.cursor)
                page.format.print(headers: RecordCells.interactionHeaders, rows: found.map { RecordCells.interaction($0, page.format) })
                page.printNext(found.last.map(PageCursor.init(after:)), count: found.count)
            }
        }
    }
}
