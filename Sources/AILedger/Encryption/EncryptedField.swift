/// A field `FieldEncryption` can encrypt at rest, in calls and interactions alike.
public enum EncryptedField: String, Sendable, Hashable, CaseIterable, Codable {
    /// `input_text`.
    case inputText = "input_text"
    /// `output_text`.
    case outputText = "output_text"
    /// `request`.
    case request
    /// `response`.
    case response
    /// `structured_output` (interactions).
    case structuredOutput = "structured_output"
    /// `input_variables` (interactions).
    case inputVariables = "input_variables"
    /// `error_details` (interactions).
    case errorDetails = "error_details"
    /// `metadata`.
    case metadata

    /// The column that holds the field.
    public var column: String { rawValue }

    /// How the column is stored: text, a JSON value, or the JSON object `metadata`.
    var storage: Storage {
        switch self {
        case .inputText, .outputText: .text
        case .metadata: .object
        default: .json
        }
    }

    enum Storage { case text, json, object }

    /// The fields each table has.
    static func fields(of table: String) -> [EncryptedField] {
        switch table {
        case Call.table: Call.encryptable.all
        case Interaction.table: Interaction.encryptable.all
        default: []
        }
    }
}
