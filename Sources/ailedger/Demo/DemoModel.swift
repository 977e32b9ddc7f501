/// A model the demo calls; the ledger prices its calls from the bundled price book.
struct DemoModel {
    let name: String
    let provider: String
    let reasons: Bool
    let share: Int

    static let all: [DemoModel] = [
        DemoModel(name: "gpt-4o-mini", provider: "openai", reasons: false, share: 35),
        DemoModel(name: "gpt-4o", provider: "openai", reasons: false, share: 15),
        DemoModel(name: "o3-mini", provider: "openai", reasons: true, share: 8),
        DemoModel(name: "claude-3-5-haiku-20241022", provider: "anthropic", reasons: false, share: 20),
        DemoModel(name: "claude-3-7-sonnet-20250219", provider: "anthropic", reasons: true, share: 10),
        DemoModel(name: "gemini-2.0-flash", provider: "google", reasons: false, share: 12),
    ]
}
