import AILedger
import Foundation

/// Records through a buffered ledger on a cluster while a node dies under it, then proves
/// from another connection that every call was stored once and every aggregate is exact.
///
/// The calls carry a tag of their own and fall in an hour of their own, so raw counts, the
/// daily user rollups and the hourly rollups can each be checked against the known sums.
public struct FailoverScenario: Sendable {
    /// The ledger URL the writer records through (several hosts).
    public let url: String
    /// The drivers to open it with; SQLite's too, for the outbox.
    public let drivers: [any DatabaseDriver]
    /// How many calls to record.
    public let count: Int

    /// Creates a scenario.
    public init(url: String, drivers: [any DatabaseDriver], count: Int) {
        self.url = url
        self.drivers = drivers
        self.count = count
    }

    /// What a run saw.
    public struct Outcome: Sendable {
        /// Seconds from the first record to the last commit.
        public var seconds: Double
        /// The writer's counters at the end.
        public var statistics: WriterStatistics
    }

    /// Records `count` calls at a steady pace, runs `disrupt` once a fifth of them are
    /// written (kill a node, promote a standby…), waits for every call to be stored, then
    /// checks the calls through `checkURL`.
    public func run(checkURL: String, disrupt: @escaping @Sendable () async throws -> Void) async throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-failover-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = WriterOptions(batchSize: 2_000, flushInterval: .milliseconds(50), outboxURL: "sqlite://" + folder.path + "/outbox.db",
                                    maxBackoff: .milliseconds(500), drainTimeout: .seconds(300))
        let ledger = try await Ledger.open(url: url, drivers: drivers, writer: options)
        let tag = "failover-\(UUID().uuidString)"
        // An hour of its own, in the past, so hourly rollups hold these calls alone.
        let hour = Date(timeIntervalSince1970: Double(1_600_002_000 + Int.random(in: 0..<100_000) * 3_600))  // on the hour
        let models = ["cluster-a", "cluster-b", "cluster-c"]
        func call(_ index: Int) -> Call {
            Call(createdAt: hour.addingTimeInterval(Double(index % 3_600)), model: models[index % 3], provider: "cluster",
                 status: index % 50 == 0 ? .error : .success, userID: tag,
                 usage: TokenUsage(input: Int64(100 + index % 50), output: Int64(10 + index % 7)), costUSD: Decimal(index % 5) / 1_000,
                 latencyMs: Double(index % 900))
        }
        do {
            try await ledger.migrate()
            let started = ContinuousClock.now
            let disruption = Task { () throws -> Void in
                while (ledger.writerStatistics?.written ?? 0) < Int64(count / 5) { try await Task.sleep(for: .milliseconds(20)) }
                try await disrupt()
            }
            for start in stride(from: 0, to: count, by: 1_000) {
                for index in start..<min(count, start + 1_000) { try await ledger.record(call(index)) }
                try await Task.sleep(for: .milliseconds(25))
            }
            try await disruption.value
            var statistics = try Expect.some(ledger.writerStatistics, "statistics")
            for _ in 0..<6_000 where statistics.written + statistics.replayed < Int64(count) || statistics.outboxBatches > 0 {
                await ledger.flush()
                try await Task.sleep(for: .milliseconds(50))
                statistics = try Expect.some(ledger.writerStatistics, "statistics")
            }
            let seconds = Double((ContinuousClock.now - started).components.seconds)
            await ledger.close()
            statistics = try Expect.some(ledger.writerStatistics, "statistics")
            try Expect.equal(statistics.rejected, 0, "nothing rejected")
            try Expect.equal(statistics.abandoned, 0, "nothing abandoned")
            try await check(checkURL, tag: tag, hour: hour, expected: (0..<count).map(call))
            return Outcome(seconds: seconds, statistics: statistics)
        } catch {
            await ledger.close()
            throw error
        }
    }

    /// Counts, sums and groups read back through `url`, raw and from the rollups.
    private func check(_ url: String, tag: String, hour: Date, expected: [Call]) async throws {
        let reader = try await Ledger.open(url: url, drivers: drivers)
        do {
            let rows = try await reader.database.withConnection(.write) { connection in
                try await connection.query(
                    "SELECT COUNT(*), COUNT(DISTINCT id), SUM(input_tokens), SUM(output_tokens) FROM ailedger_calls WHERE user_id = "
                        + connection.dialect.placeholder(1), [.text(tag)])
            }
            let inputs = expected.reduce(Int64(0)) { $0 + ($1.usage.input ?? 0) }
            let outputs = expected.reduce(Int64(0)) { $0 + ($1.usage.output ?? 0) }
            // Sums come back as decimals on some databases: compare them as numbers.
            let numbers = (rows.first?.values ?? []).map { value -> Int64? in
                switch value {
                case .integer(let number): number
                case .text(let text): Int64(text)
                default: nil
                }
            }
            try Expect.equal(numbers, [Int64(count), Int64(count), inputs, outputs],
                             "every call stored once (count, distinct ids, input and output tokens)")
            let byUser = try await reader.usage(LedgerFilter(userID: tag))
            try Expect.equal(byUser.calls, Int64(count), "the user's total")
            try Expect.equal(byUser.tokens.input, inputs, "the user's input tokens")
            try Expect.equal(byUser.costUSD, expected.reduce(Decimal(0)) { $0 + ($1.costUSD ?? 0) }, "the user's cost")
            let window = LedgerFilter(since: hour, until: hour.addingTimeInterval(3_600))
            try Expect.equal(try await reader.aggregateSource(for: window, by: .model), .rollups, "the hour is read from the rollups")
            let rolled = try await reader.usage(by: .model, window)
            reader.readsRollups = false
            let raw = try await reader.usage(by: .model, window)
            let perModel = { (groups: [UsageGroup]) in
                Dictionary(uniqueKeysWithValues: groups.map { ($0.key ?? "", [$0.summary.calls, $0.summary.tokens.output ?? 0]) })
            }
            var expectedPerModel: [String: [Int64]] = [:]
            for call in expected { expectedPerModel[call.model, default: [0, 0]][0] += 1; expectedPerModel[call.model]![1] += call.usage.output ?? 0 }
            try Expect.equal(perModel(raw), expectedPerModel, "per-model counts and output tokens from the raw rows")
            try Expect.equal(perModel(rolled), expectedPerModel, "per-model counts and output tokens from the hourly rollups")
            await reader.close()
        } catch {
            await reader.close()
            throw error
        }
    }
}
