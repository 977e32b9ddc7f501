/// What a detected value is replaced with.
public enum RedactionStrategy: String, Sendable, Hashable, Codable {
    /// A placeholder naming the detector: `[EMAIL]`.
    case placeholder
    /// A partial mask keeping the last four characters: `****1234`; an email keeps its
    /// domain (`j***@example.com`), an IP address its network (`203.0.113.0`).
    case mask
    /// A keyed pseudonym (HMAC-SHA256 under `RedactionPolicy.pseudonymKey`): the same value
    /// always gives the same token, `[EMAIL:4f1c…]`, so counting per customer still works.
    case pseudonym
}
