import Foundation

/// Which calls, interactions or conversations to list, aggregate or export; nil fields do
/// not filter, and the fields that are set must all hold.
///
/// One filter serves every kind of record. A field that belongs to another kind applies
/// through the records' links: a call matches `promptVersion` when its interaction does, an
/// interaction matches `model` when one of its calls does, and a conversation matches
/// either when one of its interactions or calls does.
public struct LedgerFilter: Sendable, Hashable {
    /// Records created at or after this instant.
    public var since: Date?
    /// Records created before this instant.
    public var until: Date?
    /// Records of this user.
    public var userID: String?
    /// Calls to this model.
    public var model: String?
    /// Calls to this provider.
    public var provider: String?
    /// Records with this outcome (for conversations: one of their interactions has it).
    public var status: Status?
    /// Interactions of this type.
    public var interactionType: String?
    /// Calls of this type or function name.
    public var callType: String?
    /// Records of this interaction.
    public var interactionID: UUID?
    /// Records of this conversation.
    public var conversationID: UUID?
    /// Interactions made with this prompt.
    public var promptID: String?
    /// Interactions made with this prompt version.
    public var promptVersion: String?
    /// Interactions whose user gave this feedback.
    public var feedback: FeedbackRating?
    /// Interactions with a quality score of at least this (0-100).
    public var minQualityScore: Int?
    /// Interactions with a quality score of at most this (0-100).
    public var maxQualityScore: Int?
    /// Records that cost at least this many US dollars (interactions and conversations: the
    /// sum of their calls).
    public var minCostUSD: Decimal?
    /// Interactions that reported this input variable missing.
    public var missingVariable: String?
    /// Interactions that reported some input variable missing (true) or none (false).
    public var hasMissingVariables: Bool?
    /// Records from this device.
    public var deviceID: String?
    /// Records with this contact.
    public var contactID: String?
    /// Records answered by this persona.
    public var personaID: String?
    /// Records whose input or output text contains this text, case-sensitively.
    public var text: String?

    /// Creates a filter.
    public init(since: Date? = nil, until: Date? = nil, userID: String? = nil, model: String? = nil,
                provider: String? = nil, status: Status? = nil, interactionType: String? = nil, callType: String? = nil,
                interactionID: UUID? = nil, conversationID: UUID? = nil, promptID: String? = nil,
                promptVersion: String? = nil, feedback: FeedbackRating? = nil, minQualityScore: Int? = nil,
                maxQualityScore: Int? = nil, minCostUSD: Decimal? = nil, missingVariable: String? = nil,
                hasMissingVariables: Bool? = nil, deviceID: String? = nil, contactID: String? = nil,
                personaID: String? = nil, text: String? = nil) {
        self.since = since
        self.until = until
        self.userID = userID
        self.model = model
        self.provider = provider
        self.status = status
        self.interactionType = interactionType
        self.callType = callType
        self.interactionID = interactionID
        self.conversationID = conversationID
        self.promptID = promptID
        self.promptVersion = promptVersion
        self.feedback = feedback
        self.minQualityScore = minQualityScore
        self.maxQualityScore = maxQualityScore
        self.minCostUSD = minCostUSD
        self.missingVariable = missingVariable
        self.hasMissingVariables = hasMissingVariables
        self.deviceID = deviceID
        self.contactID = contactID
        self.personaID = personaID
        self.text = text
    }
}
