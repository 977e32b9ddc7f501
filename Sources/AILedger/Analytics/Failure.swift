/// A failed call with the interaction it served, for the recent-failures report.
public struct Failure: Sendable, Hashable {
    /// The failed call: its error code and message, input, model and time.
    public var call: Call
    /// The interaction the call served, with its type, input variables and prompt; nil
    /// when the call was recorded on its own.
    public var interaction: Interaction?
}
