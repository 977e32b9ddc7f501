import Foundation

/// A model the demo calls, with the list prices (USD per million tokens) it is billed at.
struct DemoModel {
    let name: String
    let provider: String
    let input: Decimal
    let cachedInput: Decimal
    let cacheWrite: Decimal
    let output: Decimal
    let reasons: Bool
    let share: Int

    init(name: String, provider: String, input: String, cachedInput: String, cacheWrite: String, output: String,
         reasons: Bool, share: Int) {
        // Prices from strings: a Decimal made from a float literal goes through Double.
        self.name = name
        self.provider = provider
        self.input = Decimal(string: input)!
        self.cachedInput = Decimal(string: cachedInput)!
        self.cacheWrite = Decimal(string: cacheWrite)!
        self.output = Decimal(string: output)!
        self.reasons = reasons
        self.share = share
    }

    static let all: [DemoModel] = [
        DemoModel(name: "gpt-4o-mini", provider: "openai", input: "0.15", cachedInput: "0.075", cacheWrite: "0.15", output: "0.60", reasons: false, share: 35),
        DemoModel(name: "gpt-4o", provider: "openai", input: "2.50", cachedInput: "1.25", cacheWrite: "2.50", output: "10", reasons: false, share: 15),
        DemoModel(name: "o3-mini", provider: "openai", input: "1.10", cachedInput: "0.55", cacheWrite: "1.10", output: "4.40", reasons: true, share: 8),
        DemoModel(name: "claude-3-5-haiku", provider: "anthropic", input: "0.80", cachedInput: "0.08", cacheWrite: "1.00", output: "4", reasons: false, share: 20),
        DemoModel(name: "claude-3-7-sonnet", provider: "anthropic", input: "3", cachedInput: "0.30", cacheWrite: "3.75", output: "15", reasons: true, share: 10),
        DemoModel(name: "gemini-2.0-flash", provider: "google", input: "0.10", cachedInput: "0.025", cacheWrite: "0.10", output: "0.40", reasons: false, share: 12),
    ]

    /// The bill for `input` tokens (of which `cacheRead` and `cacheWrite`) and `output` tokens.
    func cost(input tokens: Int64, cacheRead: Int64, cacheWrite: Int64, output outputTokens: Int64) -> Decimal {
        let uncached = tokens - cacheRead - cacheWrite
        let perToken = Decimal(uncached) * input + Decimal(cacheRead) * cachedInput
            + Decimal(cacheWrite) * self.cacheWrite + Decimal(outputTokens) * output
        return perToken / 1_000_000
    }
}
