import Foundation

extension Conversation: StoredRecord {
    static let stored = RecordTable<Conversation>("ailedger_conversations", [
        .uuid("id", \.id), .text("external_id", \.externalID), .time("created_at", \.createdAt),
        .text("user_id", \.userID), .text("contact_id", \.contactID), .text("device_id", \.deviceID),
        .text("persona_id", \.personaID), .text("channel", \.channel), .text("title", \.title),
        .object("metadata", \.metadata),
    ])

    static var blank: Conversation { Conversation(id: .zero, createdAt: Date(timeIntervalSince1970: 0)) }
}
