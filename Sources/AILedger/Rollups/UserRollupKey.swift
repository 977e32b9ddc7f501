/// What one daily user rollup counts: a UTC day and a user (nil: calls without one).
package struct UserRollupKey: Sendable, Hashable {
    /// The UTC day's start, in microseconds since the Unix epoch.
    package var day: Int64
    package var userID: String?

    package init(day: Int64, userID: String?) {
        self.day = day
        self.userID = userID
    }

    /// The key of `call`'s day and user.
    init(_ call: borrowing Call) {
        day = Self.day(of: Timestamp.microseconds(call.createdAt))
        userID = call.userID
    }

    /// The start of the UTC day holding `microseconds`.
    package static func day(of microseconds: Int64) -> Int64 {
        let day: Int64 = 86_400_000_000
        return microseconds - ((microseconds % day) + day) % day
    }

    /// 32 hex digits of the SHA-256 of the user id written with its length (`-` for none).
    var hash: String {
        let text = userID.map { "\($0.utf8.count):\($0)|" } ?? "-|"
        return String(SHA256.hex(Array(text.utf8)).prefix(32))
    }
}
