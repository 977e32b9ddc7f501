/// A failed conformance expectation: what was expected, and where.
public struct ConformanceFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// The source location of the failed expectation.
    public let location: String

    public var description: String { "\(location): \(message)" }
}
