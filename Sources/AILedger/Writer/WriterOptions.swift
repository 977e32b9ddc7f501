import Logging

/// How a buffered ledger writes: `Ledger.open(url:writer:)` with these options makes
/// `record` hand records to a bounded in-memory buffer that a background writer flushes.
public struct WriterOptions: Sendable {
    /// The most records held in memory, waiting or being written. Default 100,000.
    public var capacity: Int
    /// A batch is written once this many records wait. Default 20,000, or half the
    /// capacity if that is less, so that records still find room while a batch is
    /// written. Against 10,000, with servers at their default durability, 20,000 was
    /// faster on SQLite and PostgreSQL and level on MariaDB with realistic records; most
    /// with small records, where each batch's fixed work (its commit, its rollup rows: one
    /// per user and day) weighs most (see Benchmarks/). A burst reaching an idle writer is
    /// committed in pieces, 1,000 records first and doubling up to this size, so that the
    /// database starts at once instead of waiting while a whole batch is prepared.
    public var batchSize: Int {
        get { chosenBatchSize ?? min(20_000, max(1, capacity / 2)) }
        set { chosenBatchSize = newValue }
    }
    private var chosenBatchSize: Int?
    /// Records wait at most this long before they are written. Default 100 ms.
    public var flushInterval: Duration
    /// What `record` does when the buffer is full. Default `.wait`.
    public var whenFull: BufferFullPolicy
    /// The URL of a local outbox (`sqlite:///var/lib/app/ailedger-outbox.db`) that batches
    /// spill to while the database is unreachable, and replay from, in order, once it is
    /// back, also after a restart. Without one, the writer retries until the database
    /// answers and `record` waits once the buffer is full.
    public var outboxURL: String?
    /// How long a failing batch is retried before it spills to the outbox. Default 2 s.
    public var spillAfter: Duration
    /// The longest pause between retries; pauses double from 50 ms up to this. Default 2 s.
    public var maxBackoff: Duration
    /// Dimensions added to the writer's swift-metrics counters, to tell the ledgers of one
    /// process apart: `[("ledger", "billing")]`. Default none.
    public var metricsDimensions: [(String, String)]
    /// How long `flush()` and `close()` wait, at most. Past it, `flush` returns with what
    /// is left; `close` saves what still waits in memory to the outbox (when there is one)
    /// and gives up the rest (without an outbox, everything unwritten; with one, a batch
    /// stuck in a database call), counted in `WriterStatistics.abandoned`. Default 30 s.
    public var drainTimeout: Duration
    /// Where the writer logs retries, spills, replays, rejections and dead letters; never a
    /// record's values. Default: the label `ailedger.writer`.
    public var logger: Logger
    /// Called for each record the database refused for good (a foreign key to a record
    /// never written, say), or whose fields could not be sealed, with the reason: mostly
    /// on the writer's task, sometimes on a caller's (spilling when the buffer is full) or
    /// during `close`, possibly at once. The record is also counted as rejected.
    public var onReject: (@Sendable (RejectedRecord) -> Void)?

    /// Creates options; every default is the one documented on its property.
    public init(capacity: Int = 100_000, batchSize: Int? = nil, flushInterval: Duration = .milliseconds(100),
                whenFull: BufferFullPolicy = .wait, outboxURL: String? = nil, spillAfter: Duration = .seconds(2),
                maxBackoff: Duration = .seconds(2), metricsDimensions: [(String, String)] = [],
                drainTimeout: Duration = .seconds(30), logger: Logger = Logger(label: "ailedger.writer"),
                onReject: (@Sendable (RejectedRecord) -> Void)? = nil) {
        self.capacity = capacity
        self.chosenBatchSize = batchSize
        self.flushInterval = flushInterval
        self.whenFull = whenFull
        self.outboxURL = outboxURL
        self.spillAfter = spillAfter
        self.maxBackoff = maxBackoff
        self.metricsDimensions = metricsDimensions
        self.drainTimeout = drainTimeout
        self.logger = logger
        self.onReject = onReject
    }

    func validate() throws {
        guard capacity > 0, batchSize > 0, batchSize <= capacity else {
            throw LedgerError(.invalidConfiguration, "writer capacity and batch size must be positive, the batch no larger than the capacity")
        }
        guard flushInterval > .zero, spillAfter >= .zero, maxBackoff > .zero, drainTimeout >= .zero else {
            throw LedgerError(.invalidConfiguration, "writer intervals must be positive")
        }
        if whenFull == .spill && outboxURL == nil {
            throw LedgerError(.invalidConfiguration, "the spill policy needs an outboxURL")
        }
    }
}
