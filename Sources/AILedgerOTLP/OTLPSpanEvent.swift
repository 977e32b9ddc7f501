/// An event recorded on a span: an exception, or GenAI content.
public struct OTLPSpanEvent: Sendable, Hashable {
    /// The event's name (`exception`, `gen_ai.client.inference.operation.details`...).
    public var name = ""
    /// When it happened, in nanoseconds since 1970.
    public var timeNanos: UInt64 = 0
    /// Its attributes.
    public var attributes: [(String, OTLPValue)] = []

    /// An empty event.
    public init() {}

    /// The event's attribute `name`.
    public subscript(_ name: String) -> OTLPValue? { attributes.last { $0.0 == name }?.1 }

    public static func == (a: OTLPSpanEvent, b: OTLPSpanEvent) -> Bool {
        a.name == b.name && a.timeNanos == b.timeNanos && OTLPValue.keyValues(a.attributes) == .keyValues(b.attributes)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(timeNanos)
    }
}
