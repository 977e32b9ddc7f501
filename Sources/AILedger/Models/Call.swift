import Foundation

/// One API call to a model: what was sent, what came back, tokens, cost and latency.
public struct Call: Sendable, Hashable, Codable, Identifiable {
    /// Time-ordered id, made by the client so a replayed record never duplicates.
    public var id: UUID
    /// The interaction this call served, if any.
    public var interactionID: UUID?
    /// The conversation this call belongs to, if any.
    public var conversationID: UUID?
    /// The application's own id for the call (the chatbot's `call_id`).
    public var externalID: String?
    /// When the call was made, rounded to the microsecond (what every backend stores).
    public var createdAt: Date
    /// The model name as sent to the provider (`gpt-4o-mini`, `claude-3-5-haiku-latest`).
    public var model: String
    /// A model version or snapshot, when tracked apart from the name.
    public var modelVersion: String?
    /// The provider (`openai`, `anthropic`, `google`...).
    public var provider: String?
    /// What the call was for: a purpose or the function that made it.
    public var callType: String?
    /// Success, error or partial.
    public var status: Status
    /// The application user on whose behalf the call was made.
    public var userID: String?
    /// The service tier the provider ran the call at (`default`, `flex`, `priority`,
    /// `batch`…); it selects the price (see `Price.serviceTiers`). nil: the standard tier.
    public var serviceTier: String?
    /// Tokens consumed.
    public var usage: TokenUsage
    /// Cost in US dollars, exact to the nano-dollar.
    public var costUSD: Decimal?
    /// Where `costUSD` came from; nil when no cost is known.
    public var costSource: CostSource?
    /// Wall-clock duration of the call, in milliseconds.
    public var latencyMs: Double?
    /// The prompt as text.
    public var inputText: String?
    /// The completion as text.
    public var outputText: String?
    /// The full request payload.
    public var request: JSONValue?
    /// The full response payload.
    public var response: JSONValue?
    /// A provider or application error code.
    public var errorCode: String?
    /// The error message of a failed call.
    public var errorMessage: String?
    /// Anything else, under documented keys (see docs/SCHEMA.md).
    public var metadata: [String: JSONValue]

    /// Creates a call record; `id` defaults to a new UUIDv7 made at `createdAt`.
    public init(
        id: UUID? = nil, interactionID: UUID? = nil, conversationID: UUID? = nil, externalID: String? = nil,
        createdAt: Date = Date(), model: String, modelVersion: String? = nil, provider: String? = nil,
        callType: String? = nil, status: Status = .success, userID: String? = nil, serviceTier: String? = nil,
        usage: TokenUsage = TokenUsage(),
        costUSD: Decimal? = nil, costSource: CostSource? = nil, latencyMs: Double? = nil,
        inputText: String? = nil, outputText: String? = nil, request: JSONValue? = nil, response: JSONValue? = nil,
        errorCode: String? = nil, errorMessage: String? = nil, metadata: [String: JSONValue] = [:]
    ) {
        self.id = id ?? UUID.v7(at: createdAt)
        self.interactionID = interactionID
        self.conversationID = conversationID
        self.externalID = externalID
        self.createdAt = Timestamp.rounded(createdAt)
        self.model = model
        self.modelVersion = modelVersion
        self.provider = provider
        self.callType = callType
        self.status = status
        self.userID = userID
        self.serviceTier = serviceTier
        self.usage = usage
        self.costUSD = costUSD
        self.costSource = costSource ?? (costUSD == nil ? nil : .provided)
        self.latencyMs = latencyMs
        self.inputText = inputText
        self.outputText = outputText
        self.request = request
        self.response = response
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.metadata = metadata
    }
}
