/// What calls can be grouped by. A closed set: group-by columns never come from user text.
public enum CallDimension: String, Sendable, CaseIterable {
    case model, provider, user
    case callType = "call-type"
    case status, conversation

    /// The column that holds the dimension.
    var column: String {
        switch self {
        case .model: "model"
        case .provider: "provider"
        case .user: "user_id"
        case .callType: "call_type"
        case .status: "status"
        case .conversation: "conversation_id"
        }
    }
}
