// QuickStart: open a ledger, record one chat turn with its model calls, read it back.
//
//     swift run QuickStart [sqlite:///path/to/ledger.sqlite]
import AILedger
import AILedgerSQLite
import Foundation

DatabaseDrivers.register(SQLiteDriver())
let url = CommandLine.arguments.dropFirst().first ?? "sqlite::memory:"
let ledger = try await Ledger.open(url: url)
try await ledger.migrate()

// A conversation groups the turns of one chat thread.
let conversation = Conversation(externalID: "support-thread-17", userID: "user-42", channel: "web")
try await ledger.record(conversation)

// One turn: the user's message, what we answered, and the two model calls it took.
let turn = Interaction(
    conversationID: conversation.id, interactionType: "chat", userID: "user-42",
    promptID: "support-answer", promptVersion: "v3",
    inputText: "Where is my order #4521?", outputText: "It left our warehouse this morning.",
    inputVariables: ["order_id": "4521", "customer_tier": nil], missingVariables: ["customer_tier"])
let calls = [
    Call(model: "gpt-4o-mini", provider: "openai", callType: "classify_intent",
         usage: TokenUsage(input: 850, output: 12, cacheRead: 512), costUSD: Decimal(string: "0.0001038")!, latencyMs: 420),
    Call(model: "claude-3-5-haiku", provider: "anthropic", callType: "answer",
         usage: TokenUsage(input: 2_400, output: 180, cacheRead: 2_048), costUSD: Decimal(string: "0.00117184")!,
         latencyMs: 1_310),
]
try await ledger.record(turn, calls: calls)

// Later, the user accepts the answer.
try await ledger.recordFeedback(Feedback(rating: .accepted, qualityScore: 90), forInteraction: turn.id)

// Read it back.
let stored = try await ledger.interaction(id: turn.id)
print("turn:", stored?.inputText ?? "?", "→", stored?.outputText ?? "?", "| feedback:", stored?.feedback?.rating.rawValue ?? "none")
for call in try await ledger.calls(LedgerFilter(interactionID: turn.id)) {
    print("  call:", call.model, call.callType ?? "", "tokens in/out:", call.usage.input ?? 0, "/", call.usage.output ?? 0,
          "cost: $\(call.costUSD ?? 0)")
}
let usage = try await ledger.usage(LedgerFilter(userID: "user-42"))
print("user-42 spent $\(usage.costUSD) over \(usage.calls) calls")
await ledger.close()
