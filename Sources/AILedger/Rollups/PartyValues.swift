import Foundation

/// The persona, device and contact a call counts under in the daily party rollups: its
/// interaction's, or else its conversation's, value by value (as `CallDimension` groups).
package struct PartyValues: Sendable, Hashable {
    var persona: String?
    var device: String?
    var contact: String?

    init(persona: String? = nil, device: String? = nil, contact: String? = nil) {
        self.persona = persona
        self.device = device
        self.contact = contact
    }

    init(_ interaction: Interaction) {
        self.init(persona: interaction.personaID, device: interaction.deviceID, contact: interaction.contactID)
    }

    init(_ conversation: Conversation) {
        self.init(persona: conversation.personaID, device: conversation.deviceID, contact: conversation.contactID)
    }

    /// Whether every value is known, so that a conversation's cannot change them.
    var isComplete: Bool { persona != nil && device != nil && contact != nil }

    /// These values, each missing one taken from `other`.
    func orElse(_ other: PartyValues?) -> PartyValues {
        guard let other else { return self }
        return PartyValues(persona: persona ?? other.persona, device: device ?? other.device, contact: contact ?? other.contact)
    }

    /// The dimension and value of each of the three.
    var keyed: [(CallDimension, String?)] { [(.persona, persona), (.device, device), (.contact, contact)] }

    /// The values of `call`, from its interaction's in `interactions` and its conversation's
    /// in `conversations` (by id; a record not found there has none).
    static func of(_ call: Call, interactions: [UUID: PartyValues], conversations: [UUID: PartyValues]) -> PartyValues {
        let own = call.interactionID.flatMap { interactions[$0] } ?? PartyValues()
        return own.isComplete ? own : own.orElse(call.conversationID.flatMap { conversations[$0] })
    }

    /// The values of the stored rows of `table` (interactions or conversations) with `ids`,
    /// read on `connection` inside the caller's transaction.
    static func stored(_ ids: some Collection<UUID>, in table: String,
                       on connection: any DatabaseConnection) async throws -> [UUID: PartyValues] {
        var values: [UUID: PartyValues] = [:]
        let ids = Array(ids)
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(ids.count, start + 500)]
            var sql = SQLBuilder(connection.dialect, "SELECT id, persona_id, device_id, contact_id FROM "
                                 + connection.dialect.quoteIdentifier(table) + " WHERE id IN (")
            sql.append(chunk.map { sql.bind(.uuid($0)) }.joined(separator: ", ") + ")")
            for row in try await connection.query(sql.sql, sql.parameters) {
                var reader = RowReader(row)
                values[try reader.uuid()] = PartyValues(persona: try reader.optionalString(), device: try reader.optionalString(),
                                                        contact: try reader.optionalString())
            }
        }
        return values
    }
}
