/// How many interactions a window holds, by outcome, and how many conversations and users
/// they came from.
public struct InteractionCounts: Sendable, Hashable {
    /// Interactions.
    public var interactions: Int64
    /// Interactions that succeeded.
    public var successes: Int64
    /// Interactions that failed.
    public var errors: Int64
    /// Interactions that partly succeeded.
    public var partials: Int64
    /// Distinct conversations among them.
    public var conversations: Int64
    /// Distinct users among them.
    public var users: Int64

    /// The share that succeeded, from 0 to 1; nil when there are none.
    public var successRate: Double? { interactions == 0 ? nil : Double(successes) / Double(interactions) }
}
