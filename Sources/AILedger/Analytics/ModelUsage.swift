/// Usage of one model (and provider) over a set of calls.
public struct ModelUsage: Sendable, Hashable, Codable {
    /// The model name.
    public var model: String
    /// The provider, when recorded.
    public var provider: String?
    /// The totals for that model.
    public var summary: UsageSummary
}
