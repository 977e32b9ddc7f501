/// What a buffered writer has done since the ledger opened. The same counts are reported
/// through swift-metrics as `ailedger_writer_records_total{event=...}`; there a buffered
/// record is counted as recorded when the writer takes its batch, off the caller's path.
public struct WriterStatistics: Sendable, Hashable {
    /// Records accepted by `record`.
    public var recorded: Int64 = 0
    /// Records committed to the database by the writer (replays excluded).
    public var written: Int64 = 0
    /// Record writes that failed and were tried again (a record retried twice counts twice).
    public var retried: Int64 = 0
    /// Records saved to the outbox.
    public var spilled: Int64 = 0
    /// Records committed to the database from the outbox.
    public var replayed: Int64 = 0
    /// Records refused: invalid when recorded, or refused by the database for good.
    public var rejected: Int64 = 0
    /// Records in memory now, waiting or being written.
    public var buffered: Int64 = 0
    /// Batches in the outbox now.
    public var outboxBatches: Int64 = 0
}
