import AILedger
import Foundation

/// Ten million calls (or AILEDGER_BENCH_CALLS) over sixty days: eight models, a thousand users, 3% errors and 1%
/// partial results, every call with tokens, a cost and a latency; made by 2,000,000
/// interactions (five calls each; four types, three prompt versions, 10% with feedback, 5%
/// with a variable missing) in 200,000 conversations.
enum BenchmarkWorkload {
    static let callCount = Int(ProcessInfo.processInfo.environment["AILEDGER_BENCH_CALLS"] ?? "") ?? 10_000_000
    static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let end = start.addingTimeInterval(60 * 86_400)
    /// The last 30 days of the data: the window the questions ask about.
    static let windowStart = end.addingTimeInterval(-30 * 86_400)
    static let models = ["gpt-4o", "gpt-4o-mini", "o3-mini", "claude-3-5-haiku", "claude-3-7-sonnet", "gemini-2.0-flash",
                         "mistral-large", "deepseek-chat"]
    static let errorCodes = ["rate_limit_exceeded", "overloaded_error", "timeout", "context_length_exceeded"]

    /// Records the workload unless the ledger already holds it; returns the seconds spent.
    static func load(into ledger: Ledger) async throws -> Double? {
        let existing = try await ledger.usage().calls
        if existing == callCount { return nil }
        guard existing == 0 else { throw LedgerError(.invalidRecord, "the benchmark database holds \(existing) other calls") }
        let began = Date()
        var random = SplitMix(seed: 42)
        let step = end.timeIntervalSince(start) / Double(callCount)
        let types = ["support_answer", "order_summary", "sql_answer", "triage"]
        let ratings: [FeedbackRating] = [.accepted, .accepted, .accepted, .accepted, .accepted, .accepted, .accepted,
                                         .rejected, .rejected, .modified]
        for first in stride(from: 0, to: callCount, by: 10_000) {
            var calls: [Call] = [], interactions: [Interaction] = [], conversations: [Conversation] = []
            calls.reserveCapacity(10_000)
            for n in stride(from: first, to: min(first + 10_000, callCount), by: 5) {
                let at = start.addingTimeInterval(Double(n) * step), user = "user-\(random.next() % 1_000)"
                if n % 50 == 0 { conversations.append(Conversation(createdAt: at, userID: user, title: "thread \(n / 50)")) }
                let roll = random.next() % 100
                interactions.append(Interaction(
                    conversationID: conversations.last?.id, createdAt: at, interactionType: types[Int(random.next() % 4)],
                    status: roll < 3 ? .error : .success, userID: user, promptID: "support", promptVersion: "v\(random.next() % 3 + 1)",
                    latencyMs: Double(random.next() % 20_000 + 300), inputText: "question \(n % 977)",
                    missingVariables: roll % 20 == 7 ? ["customer_name"] : nil, errorCode: roll < 3 ? "timeout" : nil,
                    feedback: roll % 10 == 5 ? Feedback(rating: ratings[Int(random.next() % 10)], qualityScore: Int(random.next() % 101), at: at)
                        : nil))
            }
            for n in first..<min(first + 10_000, callCount) {
                let roll = random.next() % 100
                let status: Status = roll < 3 ? .error : roll < 4 ? .partial : .success
                let input = Int64(random.next() % 8_000 + 50), output = Int64(random.next() % 1_500)
                var call = Call(createdAt: start.addingTimeInterval(Double(n) * step), model: models[Int(random.next() % 8)],
                                provider: "bench", callType: "chat", status: status, userID: "user-\(random.next() % 1_000)",
                                usage: TokenUsage(input: input, output: output, cacheRead: input / 4),
                                costUSD: Decimal(Int(input) * 150 + Int(output) * 600) / 1_000_000_000,
                                latencyMs: Double(random.next() % 9_900 + 100), inputText: "question \(n % 977)")
                let interaction = interactions[(n - first) / 5]
                call.interactionID = interaction.id
                call.conversationID = interaction.conversationID
                if status == .error {
                    call.errorCode = errorCodes[Int(random.next() % 4)]
                    call.errorMessage = "upstream said no"
                }
                calls.append(call)
            }
            try await ledger.record(RecordBatch(conversations: conversations, interactions: interactions, calls: calls))
        }
        return Date().timeIntervalSince(began)
    }
}
