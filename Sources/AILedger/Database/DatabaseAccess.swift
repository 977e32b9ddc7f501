/// What a connection is borrowed for, so a pool can route readers beside the writer.
public enum DatabaseAccess: Sendable {
    /// Only reads; may run concurrently with the writer.
    case read
    /// Writes or DDL.
    case write
}
