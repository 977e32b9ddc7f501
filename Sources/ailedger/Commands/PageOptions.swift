import AILedger
import ArgumentParser

/// Paging and output options of the list commands.
struct PageOptions: ParsableArguments {
    @Option(help: "At most this many records.") var limit = 50
    @Option(help: "Continue after this cursor, printed by the previous page.") var after: String?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
        if let after, PageCursor(token: after) == nil { throw ValidationError("--after is not a cursor printed by a list command") }
    }

    var cursor: PageCursor? { after.flatMap(PageCursor.init(token:)) }

    /// Fetches one page with `fetch` (given the limit and cursor), prints it, then the next
    /// page's cursor.
    func list<Record>(_ fetch: (Int, PageCursor?) async throws -> [Record], headers: [String],
                      cells: (Record, OutputFormat) -> [String], cursor: (Record) -> PageCursor) async throws {
        let records = try await fetch(limit, self.cursor)
        format.print(headers: headers, rows: records.map { cells($0, format) })
        printNext(records.last.map(cursor), count: records.count)
    }

    /// Prints the next page's cursor on standard error when the page was full.
    func printNext(_ cursor: PageCursor?, count: Int) {
        guard count == limit, let cursor else { return }
        StandardError.print("more: --after \(cursor.token)")
    }
}
