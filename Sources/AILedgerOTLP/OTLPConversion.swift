import AILedger

/// What the spans of a trace request became: the records to write, and the spans that were
/// not model calls (skipped) or could not be recorded (rejected, with the reason).
public struct OTLPConversion: Sendable {
    /// Conversations, interactions (one per trace) and calls (one per model-call span).
    public var batch = RecordBatch()
    /// Spans that were not model calls.
    public var skipped = 0
    /// Model-call spans that could not be recorded, by their place in the request.
    public var rejected: [(span: Int, reason: String)] = []

    /// An empty conversion.
    public init() {}
}
