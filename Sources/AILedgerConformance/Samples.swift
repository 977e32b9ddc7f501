import AILedger
import Foundation

/// Records with every field set to awkward values, for round-trip cases.
enum Samples {
    /// A fixed instant with microseconds: 2025-03-04T05:06:07.123456Z.
    static let instant = Timestamp.date(microseconds: 1_741_064_767_123_456)

    static let unicode = "Grüße, 你好, مرحبا, emoji 🧪🚀👩🏽‍💻, quotes ' \" and a\nnewline\tand tab"

    static func conversation(at date: Date = instant) -> Conversation {
        Conversation(externalID: "conv-42 ✓", createdAt: date, userID: "user-1", contactID: "contact-7",
                     deviceID: "device-3", personaID: "persona-friendly", channel: "whatsapp", title: unicode,
                     metadata: ["intent": "orders", "first_message_at": "2025-03-04T05:06:07Z", "nested": ["a": [1, 2.5, nil, true]]])
    }

    static func interaction(conversation: UUID? = nil, at date: Date = instant) -> Interaction {
        Interaction(
            conversationID: conversation, externalID: "msg-9", createdAt: date, interactionType: "outline_generation",
            status: .partial, sessionID: "session-1", userID: "user-1", contactID: "contact-7", deviceID: "device-3",
            personaID: "persona-friendly", ipAddress: "2001:db8::1", promptID: "prompt-outline", promptVersion: "v2",
            promptHash: "sha256:abc", latencyMs: 1234.5, inputText: "Write an outline about " + unicode,
            outputText: "1. Intro 🚀", request: ["messages": [["role": "user", "content": .string(unicode)]], "temperature": 0.2],
            response: ["id": "resp_1", "choices": []], structuredOutput: ["sections": ["Intro", "Body"]],
            inputVariables: ["audience": "engineers", "tone": nil], missingVariables: ["tone", "category"],
            errorCode: "truncated", errorMessage: "output was cut at max_tokens",
            errorDetails: ["stack": "at line 1\nat line 2"],
            feedback: Feedback(rating: .modified, comment: "fixed the intro", qualityScore: 72, editDistance: 15, at: date),
            metadata: ["audience_id": 3, "tone_id": 5, "category": "safety", "session_type": "workshop"])
    }

    static func call(interaction: UUID? = nil, at date: Date = instant) -> Call {
        Call(
            interactionID: interaction, externalID: "call-1", createdAt: date, model: "gpt-4o-mini",
            modelVersion: "2024-07-18", provider: "openai", callType: "outline", status: .success, userID: "user-1",
            usage: TokenUsage(input: 1_500, output: 420, cacheRead: 1_024, cacheWrite: 300, cacheWrite1h: 120, reasoning: 128),
            costUSD: Decimal(string: "0.000123456")!, costSource: .computed, latencyMs: 987.25,
            inputText: unicode, outputText: "Sure 👍", request: ["model": "gpt-4o-mini"],
            response: ["usage": ["prompt_tokens": 1500, "completion_tokens": 420]], errorCode: nil,
            errorMessage: nil, metadata: ["function_name": "generate_outline", "retry": 0])
    }

    /// `call` as stored when it gives no cost and the price book has no price for its model.
    static func unpriced(_ call: Call) -> Call {
        var call = call
        call.costSource = .unpriced
        return call
    }
}
