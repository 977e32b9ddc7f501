import AILedger

/// Where the key check leaves the name of the request's key, for the request's log line.
final class RequestKeyName: Sendable {
    /// The box of the request being handled.
    @TaskLocal static var current: RequestKeyName?

    private let name = Locked<String?>(nil)

    var value: String? { name.withLock { $0 } }

    func set(_ value: String) { name.withLock { $0 = value } }
}
