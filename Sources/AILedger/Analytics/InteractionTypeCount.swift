/// How many interactions of one type a window holds, and how many of them failed.
public struct InteractionTypeCount: Sendable, Hashable {
    /// The interaction type; nil for interactions that gave none.
    public var interactionType: String?
    /// Interactions of this type.
    public var interactions: Int64
    /// Those that failed.
    public var errors: Int64
}
