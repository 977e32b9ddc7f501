/// What one hourly variable rollup counts: an hour, an input variable reported missing and
/// the prompt rollups' values of the interactions that reported it.
package struct VariableRollupKey: Sendable, Hashable {
    /// The UTC hour's start, in microseconds since the Unix epoch.
    package var hour: Int64
    package var variable: String
    package var interactionType: String?
    package var status: String
    package var promptID: String?
    package var promptVersion: String?

    /// The key of `variable` reported missing by `interaction`.
    init(_ variable: String, of interaction: Interaction) {
        hour = CallRollupKey.hour(of: Timestamp.microseconds(interaction.createdAt))
        self.variable = variable
        interactionType = interaction.interactionType
        status = interaction.status.rawValue
        promptID = interaction.promptID
        promptVersion = interaction.promptVersion
    }

    /// 32 hex digits of the SHA-256 of the five values, each written with its length (or
    /// `-` for none).
    var hash: String {
        var text = ""
        for value in [variable, interactionType, status, promptID, promptVersion] {
            if let value { text += "\(value.utf8.count):\(value)|" } else { text += "-|" }
        }
        return String(SHA256.hex(Array(text.utf8)).prefix(32))
    }
}
