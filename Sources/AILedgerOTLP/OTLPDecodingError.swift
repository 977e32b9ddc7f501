/// Why an OTLP request could not be read: answered 400 with a `google.rpc.Status`.
public struct OTLPDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the field; never a value that was sent.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
