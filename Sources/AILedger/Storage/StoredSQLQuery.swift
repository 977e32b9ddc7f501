import Foundation

/// A `SQLQuery` as stored: one row of `ailedger_sql_queries`, keyed by its interaction and
/// its position there, so that a replayed interaction never stores its statements twice.
struct StoredSQLQuery: Sendable {
    var interactionID: UUID
    var position: Int
    /// The interaction's `createdAt`, so time windows need no join.
    var createdAt: Date
    var query: SQLQuery
    /// `query.fingerprint`, worked out once for both columns that hold it.
    var fingerprint: String

    /// The rows of `interaction`'s statements.
    static func rows(of interaction: Interaction) -> [StoredSQLQuery] {
        (interaction.sqlQueries ?? []).enumerated().map { position, query in
            StoredSQLQuery(interactionID: interaction.id, position: position, createdAt: interaction.createdAt, query: query,
                           fingerprint: query.fingerprint)
        }
    }
}
