/// How many interactions of one type reported one input variable missing.
public struct MissingVariableCount: Sendable, Hashable {
    /// The variable's name.
    public var variable: String
    /// The interactions' type (nil for interactions without one).
    public var interactionType: String?
    /// Interactions that reported it missing.
    public var count: Int64
}
