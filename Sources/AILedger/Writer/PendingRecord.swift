import Foundation

/// One record waiting in the writer's buffer or in the outbox.
indirect enum PendingRecord: Sendable, Codable {
    case conversation(Conversation)
    case interaction(Interaction)
    case call(Call)

    var id: UUID {
        switch self {
        case .conversation(let value): value.id
        case .interaction(let value): value.id
        case .call(let value): value.id
        }
    }

    /// The records it refers to, by id, with the field naming each.
    var parents: [(field: String, id: UUID)] {
        switch self {
        case .conversation: []
        case .interaction(let value): [value.conversationID.map { ("conversationID", $0) }].compactMap { $0 }
        case .call(let value):
            [value.interactionID.map { ("interactionID", $0) }, value.conversationID.map { ("conversationID", $0) }].compactMap { $0 }
        }
    }

    var kind: String {
        switch self {
        case .conversation: "conversation"
        case .interaction: "interaction"
        case .call: "call"
        }
    }

    /// The records of `batch`, parents first.
    static func from(_ batch: RecordBatch) -> [PendingRecord] {
        var records: [PendingRecord] = []
        records.reserveCapacity(batch.conversations.count + batch.interactions.count + batch.calls.count)
        for conversation in batch.conversations { records.append(.conversation(conversation)) }
        for interaction in batch.interactions { records.append(.interaction(interaction)) }
        for call in batch.calls { records.append(.call(call)) }
        return records
    }
}
