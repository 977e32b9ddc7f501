extension Call {
    /// The fields `FieldEncryption` may seal.
    static let encryptable = EncryptableFields<Call>(
        table: table, texts: [(\.inputText, .inputText), (\.outputText, .outputText)],
        values: [(\.request, .request), (\.response, .response)], metadata: \.metadata)
}
