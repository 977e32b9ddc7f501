import Foundation

/// One failed statement, with the interaction that ran it.
public struct SQLQueryFailure: Sendable, Hashable {
    /// The interaction that ran it.
    public var interactionID: UUID
    /// When the interaction started.
    public var at: Date
    /// The statement, its place in the interaction and what it reported.
    public var query: SQLQuery
}
