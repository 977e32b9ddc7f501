/// What a connection is borrowed for, so a pool can route readers beside the writer.
public enum DatabaseAccess: Sendable {
    /// Only reads that must see every committed write (key checks, rebuilds, retention);
    /// may run concurrently with the writer.
    case read
    /// Writes or DDL.
    case write
    /// Reads a replica may answer, a little behind the primary (queries, reports,
    /// dashboards): the read URL's database when the ledger has one, else as `read`.
    case replica
}
