/// What an API key may do on `ailedger serve`.
public enum APIKeyRole: String, Sendable, Codable, CaseIterable {
    /// Write records, nothing else.
    case ingest
    /// Query, export, and give feedback on interactions.
    case read
    /// Everything, keys and prices included.
    case admin

    /// Whether a key of this role may do what `needed` allows.
    public func allows(_ needed: APIKeyRole) -> Bool { self == .admin || self == needed }
}
