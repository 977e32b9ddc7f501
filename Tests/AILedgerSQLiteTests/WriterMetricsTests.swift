import AILedger
import AILedgerSQLite
import Foundation
import Testing

/// The buffered writer's swift-metrics counters, read through a counting backend.
@Suite struct WriterMetricsTests {
    @Test func countersSayWhatTheWriterDid() async throws {
        let metrics = CountingMetrics.shared
        let mine = [("ledger", UUID().uuidString)]  // other tests' ledgers count under other names
        let url = "sqlite://" + TemporaryDirectory.make().appendingPathComponent("metrics.sqlite").path
        let ledger = try await Ledger.open(url: url, drivers: [SQLiteDriver()],
                                           writer: WriterOptions(batchSize: 100, metricsDimensions: mine))
        try await ledger.migrate()
        for n in 0..<250 { try await ledger.record(Call(model: "m-\(n % 3)")) }
        await #expect(throws: LedgerError.self) { try await ledger.record(Call(model: "")) }
        try await ledger.record(Call(interactionID: UUID(), model: "orphan"))  // refused: no such interaction
        await ledger.flush()
        await ledger.close()

        let label = "ailedger_writer_records_total"
        #expect(metrics.total(label, [("event", "recorded")] + mine) == 251)
        #expect(metrics.total(label, [("event", "written")] + mine) == 250)
        #expect(metrics.total(label, [("event", "rejected")] + mine) == 2)
        #expect(metrics.total(label, [("event", "spilled")] + mine) == 0)
        #expect(metrics.total(label, mine) == 251 + 250 + 2)
    }
}
