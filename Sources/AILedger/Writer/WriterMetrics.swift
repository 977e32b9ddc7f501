import CoreMetrics

/// The writer's swift-metrics counters: `ailedger_writer_records_total` by `event`, plus
/// the dimensions the ledger's `WriterOptions.metricsDimensions` add.
struct WriterMetrics: Sendable {
    let recorded, written, retried, spilled, replayed, rejected, deferred, deadLettered, abandoned: Counter

    init(dimensions: [(String, String)]) {
        func counter(_ event: String) -> Counter {
            Counter(label: "ailedger_writer_records_total", dimensions: [("event", event)] + dimensions)
        }
        (recorded, written, retried, spilled, replayed, rejected) =
            (counter("recorded"), counter("written"), counter("retried"), counter("spilled"), counter("replayed"), counter("rejected"))
        (deferred, deadLettered, abandoned) = (counter("deferred"), counter("dead_lettered"), counter("abandoned"))
    }
}
