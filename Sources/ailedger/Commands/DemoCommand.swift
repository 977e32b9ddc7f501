import AILedger
import ArgumentParser
import Foundation

/// `ailedger demo`: records a synthetic workload through the library and reports on it.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Record a realistic synthetic workload, then report on it from the database.",
        discussion: """
            Uses only the public library API: migrate, record (calls are priced by the ledger from \
            its bundled price book), and the usage and listing queries.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: "How many model calls to record (at least).") var calls: Int = 6_000
    @Option(help: "Seed of the generator, for a repeatable workload.") var seed: UInt64 = 2_026

    func validate() throws {
        guard calls > 0 else { throw ValidationError("--calls must be positive") }
    }

    func run() async throws {
        try await database.withLedger { ledger in
            print("AILedger demo on \(ledger.url)")
            let applied = try await ledger.migrate()
            print("Schema: \(applied.count) migration(s) applied, \(ledger.migrations.migrations.count) known.")

            var workload = DemoWorkload(seed: seed)
            let batches = workload.batches(calls: calls)
            let start = Date()
            for batch in batches { try await ledger.record(batch) }
            let seconds = Date().timeIntervalSince(start)
            let recorded = batches.reduce(into: (0, 0, 0)) { total, batch in
                total.0 += batch.calls.count; total.1 += batch.interactions.count; total.2 += batch.conversations.count
            }
            print("Recorded \(recorded.0.grouped) calls in \(recorded.1.grouped) interactions and \(recorded.2.grouped) "
                  + "conversations in \(String(format: "%.2f", seconds)) s (\(Int(Double(recorded.0) / max(seconds, 0.001)).grouped) calls/s).")
            try await DemoReport(ledger: ledger).print()
        }
    }
}
