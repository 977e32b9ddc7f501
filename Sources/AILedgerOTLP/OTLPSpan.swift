/// One span of an OTLP trace request, with the attributes of its resource and
/// instrumentation scope beside its own.
public struct OTLPSpan: Sendable, Hashable {
    /// The trace's id: 16 bytes.
    public var traceID: [UInt8] = []
    /// The span's id: 8 bytes.
    public var spanID: [UInt8] = []
    /// The parent span's id; empty for a root span.
    public var parentSpanID: [UInt8] = []
    /// The span's name.
    public var name = ""
    /// Its kind, as OTLP numbers it (1 internal, 2 server, 3 client, 4 producer, 5 consumer).
    public var kind: Int = 0
    /// When it started, in nanoseconds since 1970.
    public var startNanos: UInt64 = 0
    /// When it ended, in nanoseconds since 1970.
    public var endNanos: UInt64 = 0
    /// Its attributes, in the order sent.
    public var attributes: [(String, OTLPValue)] = []
    /// Its events.
    public var events: [OTLPSpanEvent] = []
    /// Its status: 0 unset, 1 ok, 2 error.
    public var statusCode: Int = 0
    /// The status message, set with an error.
    public var statusMessage = ""
    /// The attributes of the resource that made it (`service.name`...).
    public var resourceAttributes: [(String, OTLPValue)] = []
    /// The instrumentation scope (library) that made it.
    public var scopeName = ""
    /// The instrumentation scope's version.
    public var scopeVersion = ""

    /// An empty span.
    public init() {}

    /// The span's attribute `name`, else its resource's.
    public subscript(_ name: String) -> OTLPValue? {
        attributes.last { $0.0 == name }?.1 ?? resourceAttributes.last { $0.0 == name }?.1
    }

    public static func == (a: OTLPSpan, b: OTLPSpan) -> Bool {
        a.traceID == b.traceID && a.spanID == b.spanID && a.parentSpanID == b.parentSpanID && a.name == b.name && a.kind == b.kind
            && a.startNanos == b.startNanos && a.endNanos == b.endNanos && a.events == b.events && a.statusCode == b.statusCode
            && a.statusMessage == b.statusMessage && a.scopeName == b.scopeName && a.scopeVersion == b.scopeVersion
            && OTLPValue.keyValues(a.attributes) == .keyValues(b.attributes)
            && OTLPValue.keyValues(a.resourceAttributes) == .keyValues(b.resourceAttributes)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(traceID)
        hasher.combine(spanID)
        hasher.combine(name)
    }
}
