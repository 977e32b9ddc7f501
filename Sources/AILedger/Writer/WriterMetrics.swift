import CoreMetrics

/// The writer's swift-metrics counters: `ailedger_writer_records_total` by `event`.
struct WriterMetrics: Sendable {
    let recorded = Self.counter("recorded")
    let written = Self.counter("written")
    let retried = Self.counter("retried")
    let spilled = Self.counter("spilled")
    let replayed = Self.counter("replayed")
    let rejected = Self.counter("rejected")

    private static func counter(_ event: String) -> Counter {
        Counter(label: "ailedger_writer_records_total", dimensions: [("event", event)])
    }
}
