import Foundation

/// One application-level request or chat turn, which may own several calls.
public struct Interaction: Sendable, Hashable, Codable, Identifiable {
    /// Time-ordered id, made by the client so a replayed record never duplicates.
    public var id: UUID
    /// The conversation this turn belongs to, if any.
    public var conversationID: UUID?
    /// The application's own id for the turn (a message id).
    public var externalID: String?
    /// When the interaction started, rounded to the microsecond.
    public var createdAt: Date
    /// What kind of work it was (`outline_generation`, `chat`, `translation`...).
    public var interactionType: String?
    /// Success, error or partial.
    public var status: Status
    /// The application's session, if it groups work that way.
    public var sessionID: String?
    /// The application user who triggered it.
    public var userID: String?
    /// The messaging contact it answered.
    public var contactID: String?
    /// The device or connection that handled it.
    public var deviceID: String?
    /// The persona or assistant configuration used.
    public var personaID: String?
    /// The requester's IP address.
    public var ipAddress: String?
    /// The prompt template's id.
    public var promptID: String?
    /// The prompt template's version, for A/B comparisons.
    public var promptVersion: String?
    /// A hash of the prompt, for de-duplication.
    public var promptHash: String?
    /// End-to-end processing time, in milliseconds.
    public var latencyMs: Double?
    /// The input as text: the rendered prompt or the user's message.
    public var inputText: String?
    /// The final output as text.
    public var outputText: String?
    /// The full request payload.
    public var request: JSONValue?
    /// The full response payload.
    public var response: JSONValue?
    /// The parsed, structured output.
    public var structuredOutput: JSONValue?
    /// The variables the prompt was rendered with.
    public var inputVariables: JSONValue?
    /// Variables the prompt needed but did not get; empty when all were present, nil when not checked.
    public var missingVariables: [String]?
    /// A provider or application error code.
    public var errorCode: String?
    /// The error message of a failed interaction.
    public var errorMessage: String?
    /// Structured error details (stack trace, provider error body).
    public var errorDetails: JSONValue?
    /// The SQL statements it ran against the application's own database, in order; nil
    /// when it ran none (stored in `ailedger_sql_queries`).
    public var sqlQueries: [SQLQuery]?
    /// The user's verdict, once given.
    public var feedback: Feedback?
    /// Anything else, under documented keys (see docs/SCHEMA.md).
    public var metadata: [String: JSONValue]

    /// Creates an interaction record; `id` defaults to a new UUIDv7 made at `createdAt`.
    public init(
        id: UUID? = nil, conversationID: UUID? = nil, externalID: String? = nil, createdAt: Date = Date(),
        interactionType: String? = nil, status: Status = .success, sessionID: String? = nil, userID: String? = nil,
        contactID: String? = nil, deviceID: String? = nil, personaID: String? = nil, ipAddress: String? = nil,
        promptID: String? = nil, promptVersion: String? = nil, promptHash: String? = nil, latencyMs: Double? = nil,
        inputText: String? = nil, outputText: String? = nil, request: JSONValue? = nil, response: JSONValue? = nil,
        structuredOutput: JSONValue? = nil, inputVariables: JSONValue? = nil, missingVariables: [String]? = nil,
        errorCode: String? = nil, errorMessage: String? = nil, errorDetails: JSONValue? = nil,
        sqlQueries: [SQLQuery]? = nil, feedback: Feedback? = nil, metadata: [String: JSONValue] = [:]
    ) {
        self.id = id ?? UUID.v7(at: createdAt)
        self.conversationID = conversationID
        self.externalID = externalID
        self.createdAt = Timestamp.rounded(createdAt)
        self.interactionType = interactionType
        self.status = status
        self.sessionID = sessionID
        self.userID = userID
        self.contactID = contactID
        self.deviceID = deviceID
        self.personaID = personaID
        self.ipAddress = ipAddress
        self.promptID = promptID
        self.promptVersion = promptVersion
        self.promptHash = promptHash
        self.latencyMs = latencyMs
        self.inputText = inputText
        self.outputText = outputText
        self.request = request
        self.response = response
        self.structuredOutput = structuredOutput
        self.inputVariables = inputVariables
        self.missingVariables = missingVariables
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.errorDetails = errorDetails
        self.sqlQueries = sqlQueries
        self.feedback = feedback
        self.metadata = metadata
    }
}
