import Foundation

extension FieldEncryption {
    /// The plaintext of `sealed`, a value of `column` of the record `id` in `table`; nil
    /// when the key is not at hand or the value does not open (changed, or moved).
    static func open(_ sealed: SealedValue, table: String, column: String, id: UUID, with cipher: (any FieldCipher)?) -> String? {
        guard let cipher, cipher.hasKey(sealed.keyID),
              let bytes = try? cipher.open(sealed.ciphertext, keyID: sealed.keyID,
                                           associatedData: SealedValue.associatedData(table: table, column: column, id: id)) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A text field as read: opened, or the marker.
    static func reading(_ text: String?, table: String, column: String, id: UUID, cipher: (any FieldCipher)?) -> String? {
        guard let text, let sealed = SealedValue(text) else { return text }
        return open(sealed, table: table, column: column, id: id, with: cipher) ?? textMarker
    }

    /// A JSON field as read: opened, or `{"encrypted": true, "key_id": …}`.
    static func reading(_ value: JSONValue?, table: String, column: String, id: UUID, cipher: (any FieldCipher)?) -> JSONValue? {
        guard case .string(let text)? = value, let sealed = SealedValue(text) else { return value }
        return open(sealed, table: table, column: column, id: id, with: cipher).flatMap { try? JSONValue(jsonText: $0) }
            ?? marker(sealed)
    }

    /// `metadata` as read: opened, or the marker object.
    static func reading(_ object: [String: JSONValue], table: String, id: UUID, cipher: (any FieldCipher)?) -> [String: JSONValue] {
        guard object.count == 1, case .string(let text)? = object["encrypted"], let sealed = SealedValue(text) else { return object }
        if let plain = open(sealed, table: table, column: "metadata", id: id, with: cipher),
           case .object(let opened)? = try? JSONValue(jsonText: plain) {
            return opened
        }
        guard case .object(let marker) = marker(sealed) else { return [:] }
        return marker
    }

    static func marker(_ sealed: SealedValue) -> JSONValue {
        ["encrypted": true, "key_id": .string(sealed.keyID)]
    }

    /// `call` with its sealed fields opened with `cipher`, or read as markers.
    package static func reading(_ call: Call, cipher: (any FieldCipher)?) -> Call { reading(call, id: call.id, Call.encryptable, cipher) }

    /// `interaction` with its sealed fields opened with `cipher`, or read as markers.
    static func reading(_ interaction: Interaction, cipher: (any FieldCipher)?) -> Interaction {
        reading(interaction, id: interaction.id, Interaction.encryptable, cipher)
    }

    private static func reading<Record>(_ record: Record, id: UUID, _ fields: EncryptableFields<Record>, _ cipher: (any FieldCipher)?) -> Record {
        var record = record
        for (path, field) in fields.texts {
            record[keyPath: path] = reading(record[keyPath: path], table: fields.table, column: field.column, id: id, cipher: cipher)
        }
        for (path, field) in fields.values {
            record[keyPath: path] = reading(record[keyPath: path], table: fields.table, column: field.column, id: id, cipher: cipher)
        }
        record[keyPath: fields.metadata] = reading(record[keyPath: fields.metadata], table: fields.table, id: id, cipher: cipher)
        return record
    }
}
