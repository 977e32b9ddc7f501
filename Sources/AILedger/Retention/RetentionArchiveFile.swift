/// A file retention appends records to before it deletes them, one JSON object per line
/// (`{"kind": "call", "record": {...}}`).
///
/// Retention keeps a journal beside the file (`<path>.pending`) naming the batch it is
/// appending, so that a run killed between appending and deleting neither loses the batch
/// nor, run again, appends it twice: an append that may be torn is cut off with
/// `truncate(to:)` and made again.
public protocol RetentionArchiveFile: Sendable {
    /// The file's path (the journal goes beside it).
    var path: String { get }
    /// The file's size in bytes now; 0 when it does not exist.
    func size() throws -> UInt64
    /// Appends `lines` (each without its line break) and makes them durable (fsync).
    func append(_ lines: [String]) throws
    /// Cuts the file back to `size` bytes.
    func truncate(to size: UInt64) throws
}
