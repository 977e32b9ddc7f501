/// The outcome of an interaction or a call.
public enum Status: String, Sendable, Codable, CaseIterable {
    /// Completed as intended.
    case success
    /// Failed; the record's error fields say why.
    case error
    /// Completed with part of the result (truncated output, some steps failed).
    case partial
}
