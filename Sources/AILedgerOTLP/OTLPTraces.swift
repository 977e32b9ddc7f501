/// The spans of one OTLP trace export request (`ExportTraceServiceRequest`), read from
/// protobuf or from OTLP JSON.
public struct OTLPTraces: Sendable, Hashable {
    /// The deepest nesting of array and key-value list values read; deeper is refused.
    static let maxValueDepth = 32

    /// Every span, with its resource's and scope's attributes.
    public var spans: [OTLPSpan]

    /// Spans as given.
    public init(spans: [OTLPSpan]) { self.spans = spans }
}
