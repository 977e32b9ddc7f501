/// What calls can be grouped by. A closed set: group-by columns never come from user text.
///
/// Interaction type and prompt version are those of the interaction a call served; persona,
/// device and contact are the interaction's, or else its conversation's. Calls without
/// one fall in the nil group.
public enum CallDimension: String, Sendable, CaseIterable {
    case model, provider, user
    case callType = "call-type"
    case status, conversation
    case errorCode = "error-code"
    case interactionType = "interaction-type"
    case promptVersion = "prompt-version"
    case persona, device, contact

    /// The grouped expression, over calls aliased `c`, their interactions `i` and
    /// conversations `v`.
    var expression: String {
        switch self {
        case .model: "c.model"
        case .provider: "c.provider"
        case .user: "c.user_id"
        case .callType: "c.call_type"
        case .status: "c.status"
        case .conversation: "c.conversation_id"
        case .errorCode: "c.error_code"
        case .interactionType: "i.interaction_type"
        case .promptVersion: "i.prompt_version"
        case .persona: "COALESCE(i.persona_id, v.persona_id)"
        case .device: "COALESCE(i.device_id, v.device_id)"
        case .contact: "COALESCE(i.contact_id, v.contact_id)"
        }
    }

    /// The column of the hourly call rollups that holds the dimension; nil when the
    /// rollups do not keep it.
    var rollupColumn: String? {
        switch self {
        case .model: "model"
        case .provider: "provider"
        case .callType: "call_type"
        case .status: "status"
        default: nil
        }
    }

    /// The column of the hourly prompt rollups that holds the dimension of a call's
    /// interaction; nil when they do not keep it.
    var promptRollupColumn: String? {
        switch self {
        case .interactionType: "interaction_type"
        case .promptVersion: "prompt_version"
        default: nil
        }
    }

    /// Whether the expression is text (the conversation id is a UUID on PostgreSQL).
    var isText: Bool { self != .conversation }

    /// Whether the expression reads the call's interaction.
    var needsInteraction: Bool { expression.contains("i.") }
    /// Whether the expression reads the call's conversation.
    var needsConversation: Bool { expression.contains("v.") }
}
