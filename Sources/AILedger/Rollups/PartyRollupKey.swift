/// What one daily party rollup counts: a UTC day, a dimension (persona, device or contact)
/// and its value (nil: calls without one).
package struct PartyRollupKey: Sendable, Hashable {
    /// The UTC day's start, in microseconds since the Unix epoch.
    package var day: Int64
    package var dimension: CallDimension
    package var value: String?

    /// The dimensions the party rollups keep.
    static let dimensions: Set<CallDimension> = [.persona, .device, .contact]

    /// 32 hex digits of the SHA-256 of the dimension and the value, each written with its
    /// length (`-` for no value).
    var hash: String {
        let text = "\(dimension.rawValue.utf8.count):\(dimension.rawValue)|" + (value.map { "\($0.utf8.count):\($0)|" } ?? "-|")
        return String(SHA256.hex(Array(text.utf8)).prefix(32))
    }
}
