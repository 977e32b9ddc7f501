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
    /// Records refused: invalid when recorded, refused by the database for good, or
    /// impossible to seal.
    public var rejected: Int64 = 0
    /// Records a replay put back in the outbox because a record they refer to (their
    /// conversation or interaction) was not written yet; each is tried again later.
    public var deferred: Int64 = 0
    /// Records in outbox batches that could no longer be read (corrupted, or written by an
    /// incompatible version) and were moved to the dead-letter table `ailedger_outbox_dead`.
    public var deadLettered: Int64 = 0
    /// Records given up when a flush or close deadline passed with the database away and no
    /// outbox to keep them: lost, and reported here and in the log.
    public var abandoned: Int64 = 0
    /// Records in memory now, waiting or being written.
    public var buffered: Int64 = 0
    /// Batches in the outbox now.
    public var outboxBatches: Int64 = 0
}
