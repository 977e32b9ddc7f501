import Foundation

/// Where a newest-first page of calls, interactions or conversations ended: the next page starts strictly
/// after it. Keyset paging on (created_at, id) stays stable while new records arrive and
/// never scans skipped rows the way OFFSET does.
public struct PageCursor: Sendable, Hashable, CustomStringConvertible {
    /// The last record's time, in microseconds since the epoch.
    public var createdAtMicroseconds: Int64
    /// The last record's id.
    public var id: UUID

    /// The cursor after `call`.
    public init(after call: Call) {
        createdAtMicroseconds = Timestamp.microseconds(call.createdAt)
        id = call.id
    }

    /// The cursor after `interaction`.
    public init(after interaction: Interaction) {
        createdAtMicroseconds = Timestamp.microseconds(interaction.createdAt)
        id = interaction.id
    }

    /// The cursor after `conversation`.
    public init(after conversation: Conversation) {
        createdAtMicroseconds = Timestamp.microseconds(conversation.createdAt)
        id = conversation.id
    }

    /// Reads a cursor from its `token`; nil when the token is not one, or names a time
    /// outside years 1 to 9999.
    public init?(token: String) {
        let parts = token.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count <= 20, let micros = Int64(parts[0]),
              (Timestamp.minMicroseconds...Timestamp.maxMicroseconds).contains(micros),
              parts[1].utf8.count == 36, let id = UUID(uuidString: String(parts[1])) else { return nil }
        createdAtMicroseconds = micros
        self.id = id
    }

    /// An opaque text form to hand to a client and read back with `init(token:)`.
    public var token: String { "\(createdAtMicroseconds)_\(id.ledgerString)" }

    public var description: String { token }

    /// Adds "strictly older than the cursor" to a newest-first query.
    func apply(to builder: inout SQLBuilder) {
        let time = builder.column("created_at"), key = builder.column("id")
        let at = builder.bind(.timestamp(createdAtMicroseconds))
        let same = builder.bind(.timestamp(createdAtMicroseconds))
        let last = builder.bind(.uuid(id))
        builder.condition("(\(time) < \(at) OR (\(time) = \(same) AND \(key) < \(last)))")
    }
}
