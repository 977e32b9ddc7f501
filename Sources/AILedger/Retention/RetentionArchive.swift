/// Where retention keeps rows before it deletes them.
public enum RetentionArchive: Sendable {
    /// Nowhere: rows are deleted.
    case none
    /// The archive tables (`ailedger_calls_archive`, `ailedger_interactions_archive`,
    /// `ailedger_sql_queries_archive`, `ailedger_conversations_archive`), in the same
    /// transaction as the delete, so a run killed at any point loses nothing and a re-run
    /// archives nothing twice.
    case table
    /// A JSON Lines file that `ailedger ingest` loads back (see `RetentionArchiveFile`).
    case file(any RetentionArchiveFile)
}
