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

    @Test func aNULIsFoundAnywhereInShortAndLongTexts() throws {
        let long = String(repeating: "é", count: 5_000)
        for text in ["\u{0}", "a\u{0}", long + "\u{0}", "\u{0}" + long, long + "\u{0}" + long] {
            let error = #expect(throws: LedgerError.self) { try Call(model: "m", inputText: text).validate() }
            #expect(error?.message.hasPrefix("call.inputText: contains a NUL") == true)
        }
        #expect(throws: LedgerError.self) { try Call(model: "m", userID: "user\u{0}").validate() }
        try Call(model: "m", userID: "", inputText: long, outputText: "").validate()
    }

    /// Texts are checked sixteen bytes at a time, then byte by byte: a NUL is found at every
    /// position of texts of every length across those blocks and the 15 bytes a string holds
    /// in itself, and the messages name the limit.
    @Test func nulsAndLimitsAtTheEdges() throws {
        func message(_ call: Call) -> String? {
            (#expect(throws: LedgerError.self) { try call.validate() })?.message
        }
        for length in Array(1...50) + [63, 64, 65, 100] {
            for position in 0..<length {
                var bytes = Array(repeating: UInt8(ascii: "x"), count: length)
                bytes[position] = 0
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(message(Call(model: text))?.hasPrefix("call.model: contains a NUL") == true, "\(length), \(position)")
                #expect(message(Call(model: "m", errorMessage: text))?.hasPrefix("call.errorMessage: contains a NUL") == true)
            }
            try Call(model: String(repeating: "x", count: length)).validate()
        }
        #expect(message(Call(model: "")) == "call.model: must not be empty")
        #expect(message(Call(model: "m", usage: TokenUsage(input: 1_000_000_000_001)))
                == "call.usage.input: is over the limit of 10^12 tokens per record")
        #expect(message(Call(model: "m", usage: TokenUsage(output: .min))) == "call.usage.output: must not be negative")
    }

    /// Costs are read from the decimal's storage; NaN, which has no mantissa there, is still
    /// refused, and the limits hold on both sides.
    @Test func costsThatCannotBeStoredAreRefused() throws {
        for cost in [Decimal.nan, Decimal(-1) / 1_000_000_000, Decimal(string: "1e20")!] {
            let error = #expect(throws: LedgerError.self) { try Call(model: "m", costUSD: cost).validate() }
            #expect(error?.message.hasPrefix("call.costUSD") == true, "\(cost)")
        }
        #expect(NanoDollars.from(usd: .nan) == nil)
        #expect(NanoDollars.from(usd: 0) == 0)
        #expect(NanoDollars.from(usd: Decimal(string: "9223372036.854775807")!) == .max)
        try Call(model: "m", costUSD: 0).validate()
        try Call(model: "m", costUSD: Decimal(string: "0.000000001")!).validate()
    }

    @Test func jsonPayloadsAreMeasuredAsTheTextStored() throws {
        // 3 MiB of control characters: the quick bound says it may be too large, the text says it is not.
        let fits = String(repeating: "\u{1}", count: 2 * 1024 * 1024)
        try Call(model: "m", response: .string(fits)).validate()
        // 16 MiB of quotes escape to 32 MiB.
        #expect(throws: LedgerError.self) {
            try Call(model: "m", metadata: ["q": .string(String(repeating: "\"", count: 8 * 1024 * 1024 + 1))]).validate()
        }
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

    /// The integer fast path agrees with `Decimal` arithmetic, rounding and overflow included.
    @Test func nanoDollarFastPathAgreesWithDecimalArithmetic() {
        func reference(_ usd: Decimal, rounding: Bool) -> Int64? {
            let amount = rounding ? usd.roundedToNanoDollars : usd
            let scaled = amount * Decimal(sign: .plus, exponent: 9, significand: 1)
            var whole = Decimal(), input = scaled
            NSDecimalRound(&whole, &input, 0, .plain)
            guard whole == scaled, whole >= Decimal(Int64.min), whole <= Decimal(Int64.max) else { return nil }
            return Int64(whole.description)
        }
        #if os(Linux)
        #expect(NanoDollars.readsStorage, "the fast path is taken")
        #endif
        var generator = SystemRandomNumberGenerator()
        var samples: [Decimal] = ["0", "-0.0000000005", "0.0000000005", "0.0000000015", "9223372036.854775807",
                                  "9223372036.854775808", "-9223372036.854775808", "0.00000000000000000001",
                                  "18446744073709551615", "0.000000000500000000000000001"].map { Decimal(string: $0)! }
        for _ in 0..<5_000 {
            let mantissa = UInt64.random(in: 0...UInt64.max >> UInt64.random(in: 0...63, using: &generator), using: &generator)
            samples.append(Decimal(sign: Bool.random(using: &generator) ? .minus : .plus,
                                   exponent: Int.random(in: -30...12, using: &generator), significand: Decimal(mantissa)))
        }
        for usd in samples {
            #expect(NanoDollars.from(usd: usd) == reference(usd, rounding: false), "\(usd)")
            #expect(NanoDollars.rounding(usd: usd) == reference(usd, rounding: true), "\(usd)")
        }
    }
}
