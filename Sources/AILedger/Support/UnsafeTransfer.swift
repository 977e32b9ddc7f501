/// Carries a value that is not `Sendable` to another thread when the sender guarantees
/// nothing else touches it any more (a connection's C handle, handed to its own thread
/// for release from `deinit`).
struct UnsafeTransfer<Value>: @unchecked Sendable {
    /// The carried value.
    let value: Value

    /// Wraps `value`.
    init(_ value: Value) { self.value = value }
}
