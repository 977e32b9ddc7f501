import AILedger
import ArgumentParser

/// `ailedger calls list`.
struct CallsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls", abstract: "List recorded model calls.", subcommands: [List.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Calls matching the filters, newest first.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filter: FilterOptions
        @OptionGroup var page: PageOptions

        func run() async throws {
            let filter = try filter.filter()
            try await database.withLedger { ledger in
                try await page.list({ try await ledger.calls(filter, limit: $0, after: $1) }, name: "calls",
                                    headers: RecordCells.callHeaders(wide:), cells: RecordCells.call, json: \.json, cursor: PageCursor.init(after:))
            }
        }
    }
}
