import Foundation

/// A conversation that had an interaction on a UTC day.
package struct ConversationDayKey: Sendable, Hashable {
    /// The UTC day's start, in microseconds since the Unix epoch.
    package var day: Int64
    package var conversationID: UUID
}
