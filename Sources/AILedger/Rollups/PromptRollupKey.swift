import Foundation

/// What one hourly prompt rollup counts: an hour and the interaction values reports group
/// by. Calls count under their interaction's values, in their own hour; calls without an
/// interaction under a key with every value nil (no interaction has a nil status).
package struct PromptRollupKey: Sendable, Hashable {
    /// The UTC hour's start, in microseconds since the Unix epoch.
    package var hour: Int64
    package var interactionType: String?
    /// The interaction's status; nil for calls without an interaction.
    package var status: String?
    package var promptID: String?
    package var promptVersion: String?

    /// The key of `interaction`'s hour and values.
    init(_ interaction: Interaction) {
        hour = CallRollupKey.hour(of: Timestamp.microseconds(interaction.createdAt))
        interactionType = interaction.interactionType
        status = interaction.status.rawValue
        promptID = interaction.promptID
        promptVersion = interaction.promptVersion
    }

    package init(hour: Int64, interactionType: String?, status: String?, promptID: String?, promptVersion: String?) {
        self.hour = hour
        self.interactionType = interactionType
        self.status = status
        self.promptID = promptID
        self.promptVersion = promptVersion
    }

    /// The same values in the hour of `call`.
    func moved(to call: Call) -> PromptRollupKey {
        var key = self
        key.hour = CallRollupKey.hour(of: Timestamp.microseconds(call.createdAt))
        return key
    }

    /// The key of a call without an interaction.
    static func noInteraction(_ call: Call) -> PromptRollupKey {
        PromptRollupKey(hour: CallRollupKey.hour(of: Timestamp.microseconds(call.createdAt)), interactionType: nil, status: nil,
                        promptID: nil, promptVersion: nil)
    }

    /// The keys of the stored interactions with `ids`, read on `connection` (inside the
    /// caller's transaction).
    static func stored(_ ids: some Collection<UUID>, on connection: any DatabaseConnection) async throws -> [UUID: PromptRollupKey] {
        var keys: [UUID: PromptRollupKey] = [:]
        let ids = Array(ids)
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(ids.count, start + 500)]
            var sql = SQLBuilder(connection.dialect, "SELECT id, created_at, interaction_type, status, prompt_id, prompt_version FROM "
                                 + connection.dialect.quoteIdentifier(Interaction.table) + " WHERE id IN (")
            sql.append(chunk.map { sql.bind(.uuid($0)) }.joined(separator: ", ") + ")")
            for row in try await connection.query(sql.sql, sql.parameters) {
                var reader = RowReader(row)
                let id = try reader.uuid()
                keys[id] = PromptRollupKey(hour: CallRollupKey.hour(of: try reader.microseconds()),
                                           interactionType: try reader.optionalString(), status: try reader.optionalString(),
                                           promptID: try reader.optionalString(), promptVersion: try reader.optionalString())
            }
        }
        return keys
    }

    /// 32 hex digits of the SHA-256 of the four values, each written with its length (or
    /// `-` for none).
    var hash: String {
        var text = ""
        for value in [interactionType, status, promptID, promptVersion] {
            if let value { text += "\(value.utf8.count):\(value)|" } else { text += "-|" }
        }
        return String(SHA256.hex(Array(text.utf8)).prefix(32))
    }
}
