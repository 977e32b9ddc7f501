import AILedger
import ArgumentParser
import Foundation

/// `ailedger conversations list|show`.
struct ConversationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conversations", abstract: "List conversations, or show one in full.", subcommands: [List.self, Show.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Conversations matching the filters, newest first.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filter: FilterOptions
        @OptionGroup var page: PageOptions

        func run() async throws {
            let filter = try filter.filter()
            try await database.withLedger { ledger in
                try await page.list({ try await ledger.conversations(filter, limit: $0, after: $1) }, name: "conversations",
                                    headers: RecordCells.conversationHeaders(wide:), cells: RecordCells.conversation, json: \.json, cursor: PageCursor.init(after:))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A conversation's turns in order, each with its calls, and its totals.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The conversation's id.") var id: UUID
        @Option(help: "table, or json (as GET /v1/conversations/ID answers).") var format: OutputFormat = .table

        func validate() throws {
            guard format == .table || format == .json else { throw ValidationError("--format takes table or json here") }
        }

        func run() async throws {
            try await database.withLedger { ledger in
                guard let transcript = try await ledger.transcript(ofConversation: id) else {
                    throw LedgerError(.notFound, "no conversation has id \(id.ledgerString)")
                }
                guard format == .table else { return print(transcript.json.jsonText) }
                let c = transcript.conversation
                print("conversation \(c.id.ledgerString)  user \(c.userID ?? "-")  channel \(c.channel ?? "-")  started \(RecordCells.time(c.createdAt))")
                for (n, turn) in transcript.turns.enumerated() {
                    let i = turn.interaction
                    print("\n#\(n + 1)  \(RecordCells.time(i.createdAt))  \(i.interactionType ?? "interaction")  \(i.status.rawValue)")
                    if let input = i.inputText { print("  in:  \(RecordCells.short(input, 100))") }
                    if let output = i.outputText { print("  out: \(RecordCells.short(output, 100))") }
                    if let error = i.errorMessage { print("  error: \(RecordCells.short(error, 100))") }
                    for call in turn.calls {
                        print("  call \(call.model)  \(call.status.rawValue)  \((call.usage.input ?? 0).grouped) in / "
                              + "\((call.usage.output ?? 0).grouped) out  \(call.costUSD?.dollars ?? "unpriced")")
                    }
                }
                let u = transcript.usage
                print("\n\(transcript.messages) turns, \(u.calls) calls, \(((u.tokens.input ?? 0) + (u.tokens.output ?? 0)).grouped) tokens, "
                      + "\(u.costUSD.dollars), \(String(format: "%.0f", transcript.totalLatencyMs)) ms of model time, "
                      + "\(transcript.turnSuccessRate.map { String(format: "%.1f%%", $0 * 100) } ?? "-") of turns succeeded")
            }
        }
    }
}
