@testable import AILedger
import Foundation
import Testing

@Suite struct ModelValidationTests {
    @Test func aReasonableCallIsValid() throws {
        try Call(model: "gpt-4o", usage: TokenUsage(input: 100, output: 50, cacheRead: 60, cacheWrite: 40, reasoning: 50),
                 costUSD: Decimal(string: "0.0015")!).validate()
    }

    @Test(arguments: [
        (TokenUsage(input: -1), "usage.input"),
        (TokenUsage(cacheWrite: -1), "usage.cacheWrite"),
        (TokenUsage(input: 5, cacheRead: 6), "usage.cacheRead"),
        (TokenUsage(output: 1, reasoning: 2), "usage.reasoning"),
        (TokenUsage(input: .max, output: 1), "usage"),
        (TokenUsage(cacheRead: .max, cacheWrite: 1), "usage"),
    ])
    func badUsageNamesTheField(_ usage: TokenUsage, _ field: String) {
        let error = #expect(throws: LedgerError.self) { try Call(model: "m", usage: usage).validate() }
        #expect(error?.kind == .invalidRecord)
        #expect(error?.message.hasPrefix("call.\(field)") == true)
    }

    @Test func interactionAndFeedbackRules() {
        #expect(throws: LedgerError.self) { try Interaction(latencyMs: .nan).validate() }
        #expect(throws: LedgerError.self) { try Interaction(userID: String(repeating: "u", count: 300)).validate() }
        #expect(throws: LedgerError.self) { try Feedback(rating: .accepted, qualityScore: -1).validate() }
        #expect(throws: LedgerError.self) { try Conversation(title: "a\u{0}b").validate() }
        #expect(throws: LedgerError.self) { try AIModel(name: "").validate() }
    }

    @Test func costSourceDefaultsToProvidedWhenACostIsGiven() {
        #expect(Call(model: "m", costUSD: 1).costSource == .provided)
        #expect(Call(model: "m").costSource == nil)
        #expect(Call(model: "m", costUSD: 1, costSource: .computed).costSource == .computed)
    }

    @Test func moneyIsExactNanoDollars() {
        #expect(NanoDollars.from(usd: Decimal(string: "0.000000001")!) == 1)
        #expect(NanoDollars.from(usd: Decimal(string: "1.5")!) == 1_500_000_000)
        #expect(NanoDollars.from(usd: Decimal(string: "0.0000000001")!) == nil)
        #expect(NanoDollars.from(usd: Decimal(string: "100000000000")!) == nil)
        #expect(NanoDollars.usd(123_456_789) == Decimal(string: "0.123456789")!)
        #expect(Decimal(string: "0.0000000015")!.roundedToNanoDollars == Decimal(string: "0.000000002")!)
        #expect(Decimal(string: "0.0000000025")!.roundedToNanoDollars == Decimal(string: "0.000000002")!)
    }
}
