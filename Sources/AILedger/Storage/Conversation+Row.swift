extension Conversation {
    static let table = "ailedger_conversations"

    /// The stored columns, in the order of `rowValues` and `init(row:)`.
    static let columns = [
        "id", "external_id", "created_at", "user_id", "contact_id", "device_id", "persona_id", "channel", "title",
        "metadata",
    ]

    var rowValues: [SQLValue] {
        [
            .uuid(id), .optional(externalID, SQLValue.text), .timestamp(Timestamp.microseconds(createdAt)),
            .optional(userID, SQLValue.text), .optional(contactID, SQLValue.text), .optional(deviceID, SQLValue.text),
            .optional(personaID, SQLValue.text), .optional(channel, SQLValue.text), .optional(title, SQLValue.text),
            .json(JSONValue.object(metadata).jsonText),
        ]
    }

    init(row: SQLRow) throws {
        var r = RowReader(row)
        self.init(
            id: try r.uuid(), externalID: try r.optionalString(), createdAt: try r.date(), userID: try r.optionalString(),
            contactID: try r.optionalString(), deviceID: try r.optionalString(), personaID: try r.optionalString(),
            channel: try r.optionalString(), title: try r.optionalString(), metadata: try r.jsonObject())
    }
}
