import Foundation

extension Conversation {
    /// Reads a conversation from its JSON form, the column names of `docs/SCHEMA.md`; a
    /// missing `id` is made here. Throws `LedgerError.Kind.invalidRecord` naming the field.
    public init(json: JSONValue) throws {
        var r = try JSONObjectReader(json, what: "conversation")
        self.init(id: try r.uuid("id"), externalID: try r.string("external_id"), createdAt: try r.time("created_at") ?? Date(),
                  userID: try r.string("user_id"), contactID: try r.string("contact_id"), deviceID: try r.string("device_id"),
                  personaID: try r.string("persona_id"), channel: try r.string("channel"), title: try r.string("title"),
                  metadata: try r.object("metadata") ?? [:])
        try r.refuseUnknownFields()
        try JSONObjectReader.validate("conversation", validate)
    }

    /// The conversation's JSON form, as `init(json:)` reads it.
    public var json: JSONValue { .object(jsonFields) }
}
