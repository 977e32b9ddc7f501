/// Carries a value that is not `Sendable` to another thread when the sender guarantees
/// nothing else touches it any more (a connection's C handle, handed to its own thread
/// for release from `deinit`).
public struct UnsafeTransfer<Value>: @unchecked Sendable {
    /// The carried value.
    public let value: Value

    /// Wraps `value`.
    public init(_ value: Value) { self.value = value }
}
