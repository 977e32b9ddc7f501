/// The encryptable fields of a record type, by key path: what sealing and reading walk.
struct EncryptableFields<Record>: @unchecked Sendable {
    /// The table the records are stored in.
    let table: String
    /// Text fields.
    let texts: [(WritableKeyPath<Record, String?>, EncryptedField)]
    /// JSON fields.
    let values: [(WritableKeyPath<Record, JSONValue?>, EncryptedField)]
    /// The metadata object.
    let metadata: WritableKeyPath<Record, [String: JSONValue]>

    /// Every field, in column order of the lists above.
    var all: [EncryptedField] { texts.map(\.1) + values.map(\.1) + [.metadata] }
}
