import AILedger
import Foundation

/// The demo's report, read back from the database through the library's queries.
struct DemoReport {
    let ledger: Ledger

    func print() async throws {
        let total = try await ledger.usage()
        Swift.print("\nTotals, read back from the database")
        let tokens = total.tokens
        Swift.print(TextTable(headers: ["measure", "value"], rows: [
            ["calls", total.calls.grouped],
            ["success rate", total.successRate.map { String(format: "%.1f%%", $0 * 100) } ?? "n/a"],
            ["errors / partial", "\(total.errors.grouped) / \(total.partials.grouped)"],
            ["input tokens", "\((tokens.input ?? 0).grouped) (cache read \((tokens.cacheRead ?? 0).grouped), cache write \((tokens.cacheWrite ?? 0).grouped))"],
            ["output tokens", "\((tokens.output ?? 0).grouped) (reasoning \((tokens.reasoning ?? 0).grouped))"],
            ["cost", total.costUSD.dollars],
            ["calls without a price", total.unpricedCalls.grouped],
            ["average latency", total.averageLatencyMs.map { String(format: "%.0f ms", $0) } ?? "n/a"],
        ]).rendered)

        Swift.print("\nCost and tokens by model")
        let models = try await ledger.usageByModel()
        Swift.print(TextTable(
            headers: ["model", "provider", "calls", "success", "input tok", "cache read", "output tok", "reasoning", "cost"],
            rows: models.map { usage in
                let s = usage.summary
                return [usage.model, usage.provider ?? "", s.calls.grouped,
                        s.successRate.map { String(format: "%.1f%%", $0 * 100) } ?? "",
                        (s.tokens.input ?? 0).grouped, (s.tokens.cacheRead ?? 0).grouped, (s.tokens.output ?? 0).grouped,
                        (s.tokens.reasoning ?? 0).grouped, s.costUSD.dollars]
            }).rendered)

        Swift.print("\nMost recent failures")
        let failures = try await ledger.calls(LedgerFilter(status: .error), limit: 5)
        Swift.print(TextTable(headers: ["time (UTC)", "model", "error", "message"], rows: failures.map { call in
            [String(Timestamp.iso8601(microseconds: Timestamp.microseconds(call.createdAt)).prefix(19)), call.model,
             call.errorCode ?? "", String((call.errorMessage ?? "").prefix(60))]
        }).rendered)
    }
}
