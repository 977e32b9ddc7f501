import AILedger
import Foundation

/// A realistic synthetic workload: conversations of chat turns and one-off generations,
/// several models and users, failures, cached and reasoning tokens, feedback and
/// requests with missing input variables.
struct DemoWorkload {
    private var random: SplitMix64
    private let end: Date
    private let days: Double

    init(seed: UInt64, end: Date = Date(), days: Double = 30) {
        random = SplitMix64(seed: seed)
        self.end = end
        self.days = days
    }

    private static let interactionTypes = ["chat", "outline_generation", "title_generation", "translation", "summarization"]
    private static let failures = [
        ("rate_limit_exceeded", "429 Too Many Requests: rate limit reached for requests per minute"),
        ("timeout", "upstream request timed out after 30000 ms"),
        ("context_length_exceeded", "This model's maximum context length is 128000 tokens"),
        ("overloaded_error", "529 Overloaded"),
    ]
    private static let topics = ["refund policy", "order #4521", "onboarding checklist", "safety training", "Q3 roadmap",
                                 "café opening hours ☕", "shipping to Zürich", "password reset", "pricing tiers", "API limits"]

    /// Batches of records adding up to at least `calls` calls.
    mutating func batches(calls target: Int, batchSize: Int = 250) -> [RecordBatch] {
        var batches: [RecordBatch] = []
        var batch = RecordBatch()
        var calls = 0
        let conversations = (0..<max(10, target / 20)).map { index in
            Conversation(externalID: "conv-\(index)", createdAt: time(), userID: "user-\(index % 40)",
                         contactID: "contact-\(index % 90)", deviceID: "device-\(index % 4)",
                         personaID: ["friendly", "concise", "expert"][index % 3], channel: index % 2 == 0 ? "whatsapp" : "web",
                         title: "About \(Self.topics[index % Self.topics.count])")
        }
        batch.conversations = conversations
        while calls < target {
            let type = pick(Self.interactionTypes)
            let conversation = type == "chat" ? pick(conversations) : nil
            let created = max(conversation?.createdAt ?? .distantPast, time())
            let missing: [String] = chance(0.1) ? [pick(["audience", "tone", "category"])] : []
            let failed = chance(0.06)
            var interaction = Interaction(
                conversationID: conversation?.id, externalID: "msg-\(calls)", createdAt: created, interactionType: type,
                status: failed ? .error : (chance(0.02) ? .partial : .success),
                userID: conversation?.userID ?? "user-\(Int.random(in: 0..<40, using: &random))",
                contactID: conversation?.contactID, deviceID: conversation?.deviceID, personaID: conversation?.personaID,
                promptID: "prompt-\(type)", promptVersion: chance(0.5) ? "v1" : "v2",
                inputText: "Tell me about \(pick(Self.topics))",
                inputVariables: ["topic": .string(pick(Self.topics)), "audience": missing.contains("audience") ? nil : "staff"],
                missingVariables: missing)
            let callCount = type == "chat" ? Int.random(in: 1...3, using: &random) : Int.random(in: 1...2, using: &random)
            var latency = 0.0
            for index in 0..<callCount {
                let last = index == callCount - 1
                let call = makeCall(for: interaction, at: created.addingTimeInterval(Double(index) * 1.5), fails: failed && last)
                latency += call.latencyMs ?? 0
                batch.calls.append(call)
                calls += 1
            }
            interaction.latencyMs = latency + Double(Int.random(in: 5...40, using: &random))
            if failed {
                interaction.errorMessage = batch.calls.last?.errorMessage
                interaction.errorCode = batch.calls.last?.errorCode
            } else {
                interaction.outputText = "Here is what I found about \(pick(Self.topics))."
                if chance(0.3) {
                    let rating = pick([FeedbackRating.accepted, .accepted, .accepted, .modified, .rejected])
                    interaction.feedback = Feedback(rating: rating, comment: rating == .rejected ? "Not what I asked for" : nil,
                                                    qualityScore: rating == .rejected ? Int.random(in: 5...40, using: &random)
                                                                                      : Int.random(in: 60...100, using: &random),
                                                    editDistance: rating == .modified ? Int.random(in: 3...120, using: &random) : 0,
                                                    at: created.addingTimeInterval(90))
                }
            }
            batch.interactions.append(interaction)
            if batch.calls.count >= batchSize {
                batches.append(batch)
                batch = RecordBatch()
            }
        }
        if !batch.isEmpty { batches.append(batch) }
        return batches
    }

    private mutating func makeCall(for interaction: Interaction, at date: Date, fails: Bool) -> Call {
        let model = pickModel()
        // A failed call (rate limit, timeout, overload) is billed no tokens.
        let input = fails ? 0 : Int64.random(in: 200...6_000, using: &random)
        let cacheRead = model.provider != "google" && chance(0.4) ? input * Int64.random(in: 30...80, using: &random) / 100 : 0
        let cacheWrite = model.provider == "anthropic" && cacheRead == 0 && chance(0.3) ? input / 2 : 0
        let output = fails ? 0 : Int64.random(in: 20...1_200, using: &random)
        let reasoning = model.reasons && !fails ? output * Int64.random(in: 20...60, using: &random) / 100 : 0
        let failure = fails ? pick(Self.failures) : nil
        return Call(
            interactionID: interaction.id, conversationID: interaction.conversationID, createdAt: date, model: model.name,
            provider: model.provider, callType: interaction.interactionType, status: fails ? .error : .success,
            userID: interaction.userID,
            usage: TokenUsage(input: input, output: output, cacheRead: cacheRead, cacheWrite: cacheWrite, reasoning: reasoning),
            latencyMs: Double(Int.random(in: 250...(fails ? 30_000 : 9_000), using: &random)),
            inputText: interaction.inputText, outputText: fails ? nil : "…",
            errorCode: failure?.0, errorMessage: failure?.1)
    }

    private mutating func pickModel() -> DemoModel {
        var roll = Int.random(in: 0..<DemoModel.all.reduce(0) { $0 + $1.share }, using: &random)
        for model in DemoModel.all {
            if roll < model.share { return model }
            roll -= model.share
        }
        return DemoModel.all[0]
    }

    private mutating func time() -> Date {
        end.addingTimeInterval(-Double.random(in: 0..<(days * 86_400), using: &random))
    }

    private mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &random) < probability
    }

    private mutating func pick<T>(_ items: [T]) -> T {
        items[Int.random(in: 0..<items.count, using: &random)]
    }
}
