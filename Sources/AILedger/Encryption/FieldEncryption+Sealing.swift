import Foundation

extension FieldEncryption {
    /// `call` with its encrypted fields sealed (values sealed already are kept).
    func sealed(_ call: Call) throws -> Call { try sealed(call, id: call.id, Call.encryptable) }

    /// `interaction` with its encrypted fields sealed.
    func sealed(_ interaction: Interaction) throws -> Interaction {
        try sealed(interaction, id: interaction.id, Interaction.encryptable)
    }

    private func sealed<Record>(_ record: Record, id: UUID, _ fields: EncryptableFields<Record>) throws -> Record {
        var record = record
        for (path, field) in fields.texts { record[keyPath: path] = try seal(record[keyPath: path], field, fields.table, id) }
        for (path, field) in fields.values { record[keyPath: path] = try seal(record[keyPath: path], field, fields.table, id) }
        record[keyPath: fields.metadata] = try seal(record[keyPath: fields.metadata], fields.table, id)
        return record
    }

    /// Every call and interaction of `batch` sealed.
    func sealed(_ batch: RecordBatch) throws -> RecordBatch {
        var batch = batch
        batch.interactions = try batch.interactions.map(sealed)
        batch.calls = try batch.calls.map(sealed)
        return batch
    }

    /// `record` sealed.
    func sealed(_ record: PendingRecord) throws -> PendingRecord {
        switch record {
        case .call(let call): .call(try sealed(call))
        case .interaction(let interaction): .interaction(try sealed(interaction))
        case .conversation: record
        }
    }

    /// `plaintext` sealed for `column` of the record `id` in `table` under `keyID` (the
    /// current key by default), as stored.
    func seal(text plaintext: String, column: String, table: String, id: UUID, keyID: String? = nil) throws -> String {
        let keyID = keyID ?? cipher.currentKeyID
        let associatedData = SealedValue.associatedData(table: table, column: column, id: id)
        return SealedValue(keyID: keyID, ciphertext: try cipher.seal(Array(plaintext.utf8), keyID: keyID, associatedData: associatedData)).text
    }

    private func seal(_ text: String?, _ field: EncryptedField, _ table: String, _ id: UUID) throws -> String? {
        guard fields.contains(field), let text, SealedValue(text) == nil else { return text }
        return try seal(text: text, column: field.column, table: table, id: id)
    }

    private func seal(_ value: JSONValue?, _ field: EncryptedField, _ table: String, _ id: UUID) throws -> JSONValue? {
        guard fields.contains(field), let value else { return value }
        if case .string(let text) = value, SealedValue(text) != nil { return value }
        return .string(try seal(text: value.jsonText, column: field.column, table: table, id: id))
    }

    private func seal(_ metadata: [String: JSONValue], _ table: String, _ id: UUID) throws -> [String: JSONValue] {
        guard fields.contains(.metadata), !metadata.isEmpty else { return metadata }
        if metadata.count == 1, case .string(let text)? = metadata["encrypted"], SealedValue(text) != nil { return metadata }
        return ["encrypted": .string(try seal(text: JSONValue.object(metadata).jsonText, column: "metadata", table: table, id: id))]
    }
}
