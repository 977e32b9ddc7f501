extension Interaction {
    /// The fields `FieldEncryption` may seal.
    static let encryptable = EncryptableFields<Interaction>(
        table: table, texts: [(\.inputText, .inputText), (\.outputText, .outputText)],
        values: [(\.request, .request), (\.response, .response), (\.structuredOutput, .structuredOutput),
                 (\.inputVariables, .inputVariables), (\.errorDetails, .errorDetails)],
        metadata: \.metadata)
}
