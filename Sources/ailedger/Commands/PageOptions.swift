import AILedger
import ArgumentParser

/// Paging and output options of the list commands.
struct PageOptions: ParsableArguments {
    @Option(help: "At most this many records.") var limit = 50
    @Option(help: "Continue after this cursor, printed by the previous page.") var after: String?
    @Option(help: OutputFormat.help) var format: OutputFormat = .table
    @Flag(help: "Every column, however wide the table (CSV always has every column).") var wide = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
        if let after, PageCursor(token: after) == nil { throw ValidationError("--after is not a cursor printed by a list command") }
    }

    var cursor: PageCursor? { after.flatMap(PageCursor.init(token:)) }

    /// Whether to print every column: asked for, or in CSV, which is for programs.
    var showsEverything: Bool { wide || format == .csv }

    /// Fetches one page with `fetch` (given the limit and cursor) and prints it: in JSON as
    /// the HTTP API lists `name`, `{"<name>": [records], "next": cursor or null}`; then,
    /// on standard error, the next page's cursor.
    func list<Record>(_ fetch: (Int, PageCursor?) async throws -> [Record], name: String, headers: (Bool) -> [String],
                      cells: (Record, OutputFormat, Bool) -> [String], json: (Record) -> JSONValue, cursor: (Record) -> PageCursor) async throws {
        let records = try await fetch(limit, self.cursor)
        let next = records.count == limit ? records.last.map(cursor) : nil
        format.print(headers: headers(showsEverything), rows: records.map { cells($0, format, showsEverything) },
                     json: [name: .array(records.map(json)), "next": next.map { .string($0.token) } ?? .null], lines: name)
        if format != .json { printNext(records.last.map(cursor), count: records.count) }  // JSON says `next` itself
    }

    /// Prints the next page's cursor on standard error when the page was full.
    func printNext(_ cursor: PageCursor?, count: Int) {
        guard count == limit, let cursor else { return }
        StandardError.print("more: --after \(cursor.token)")
    }
}
