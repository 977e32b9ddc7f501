import Foundation

extension FieldEncryption {
    /// `call` with its encrypted fields sealed (values sealed already are kept).
    func sealed(_ call: Call) throws -> Call {
        var call = call
        let table = Call.table, id = call.id
        call.inputText = try seal(call.inputText, .inputText, table, id)
        call.outputText = try seal(call.outputText, .outputText, table, id)
        call.request = try seal(call.request, .request, table, id)
        call.response = try seal(call.response, .response, table, id)
        call.metadata = try seal(call.metadata, table, id)
        return call
    }

    /// `interaction` with its encrypted fields sealed.
    func sealed(_ interaction: Interaction) throws -> Interaction {
        var record = interaction
        let table = Interaction.table, id = record.id
        record.inputText = try seal(record.inputText, .inputText, table, id)
        record.outputText = try seal(record.outputText, .outputText, table, id)
        record.request = try seal(record.request, .request, table, id)
        record.response = try seal(record.response, .response, table, id)
        record.structuredOutput = try seal(record.structuredOutput, .structuredOutput, table, id)
        record.inputVariables = try seal(record.inputVariables, .inputVariables, table, id)
        record.errorDetails = try seal(record.errorDetails, .errorDetails, table, id)
        record.metadata = try seal(record.metadata, table, id)
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
