// Retention on PostgreSQL with ailedger_calls partitioned by month beside the same table
// unpartitioned, same realistic rows (~3 KB, RealisticCalls), in one run: each form is
// loaded and trimmed alternately, three runs, medians.
//
//   swift run -c release RetentionBenchmark <postgres-url>
//
// `make bench-retention` runs it on the test server at its shipped durability settings.
// Each run loads 12 months of calls, then `applyRetention` removes the oldest six months
// (kind calls): row by row in transactions of 5,000 on the plain table, as dropped
// partitions on the partitioned one. It prints the time, the WAL the server wrote, and
// the table's size on disk after the run; then the time of a 7-day overview query.
import AILedger
import AILedgerConformance
import AILedgerPostgres
import Foundation

/// Prints at once, also when the output is a file.
func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

guard CommandLine.arguments.count == 2 else {
    say("usage: RetentionBenchmark <postgres-url>")
    exit(2)
}
let url = CommandLine.arguments[1]
let drivers: [any DatabaseDriver] = [PostgresDriver()]
let rowCount = Int(ProcessInfo.processInfo.environment["AILEDGER_BENCH_CALLS"] ?? "") ?? 240_000
let runs = 3
let now = Date()
let calendar = { var c = Calendar(identifier: .gregorian); c.timeZone = TimeZone(identifier: "UTC")!; return c }()
let firstMonth = calendar.date(byAdding: .month, value: -11, to: calendar.date(from: calendar.dateComponents([.year, .month], from: now))!)!
let span = now.timeIntervalSince(firstMonth)
let template = RealisticCalls.make(1_000, user: "bench-retention", seed: 11)

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// One value of the first row of `sql`.
func scalar(_ ledger: Ledger, _ sql: String) async throws -> SQLValue {
    try await ledger.database.withConnection(.write) { connection in try await connection.query(sql, []).first?.values.first ?? .null }
}

func integer(_ value: SQLValue) -> Int64 {
    switch value {
    case .integer(let number): number
    case .text(let text): Int64(text) ?? Int64(Double(text) ?? 0)
    case .double(let number): Int64(number)
    default: 0
    }
}

struct Outcome { var load = 0.0, retention = 0.0, walBytes = 0.0, sizeAfter = 0.0, removed = 0, query = 0.0 }

func run(partitioned: Bool) async throws -> Outcome {
    let ledger = try await Ledger.open(url: url, drivers: drivers)
    defer { Task { _ = await ledger.close() } }
    let applied = try await ledger.migrations.history().filter(\.success).count
    if applied > 0 { try await ledger.migrations.down(steps: applied) }
    try await ledger.migrate()
    if partitioned { try await ledger.partitionCalls(monthsAhead: 12, now: firstMonth) }
    var outcome = Outcome()
    let loadStart = ContinuousClock.now
    for start in stride(from: 0, to: rowCount, by: 10_000) {
        let calls = (start..<min(rowCount, start + 10_000)).map { n in
            var call = template[n % template.count]
            call.createdAt = firstMonth.addingTimeInterval(span * Double(n) / Double(rowCount))
            call.id = UUID.v7(at: call.createdAt)
            return call
        }
        try await ledger.record(RecordBatch(calls: calls))
    }
    outcome.load = seconds(ContinuousClock.now - loadStart)
    _ = try await scalar(ledger, "CHECKPOINT")
    let walBefore = try await scalar(ledger, "SELECT pg_current_wal_lsn()::text")
    let start = ContinuousClock.now
    let report = try await ledger.applyRetention(RetentionPolicy(days: Int(now.timeIntervalSince(calendar.date(byAdding: .month, value: 6, to: firstMonth)!) / 86_400),
                                                                 kind: .calls), now: now)
    outcome.retention = seconds(ContinuousClock.now - start)
    guard case .text(let lsn) = walBefore else { throw LedgerError(.decodingFailed, "no WAL position") }
    outcome.walBytes = Double(integer(try await scalar(ledger, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '\(lsn)')::bigint")))
    outcome.sizeAfter = Double(integer(try await scalar(ledger,
        """
        SELECT CASE WHEN relkind = 'p' THEN (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree(oid))
        ELSE pg_total_relation_size(oid) END::bigint FROM pg_class WHERE oid = 'ailedger_calls'::regclass
        """)))
    outcome.removed = report.deleted["ailedger_calls"] ?? 0
    ledger.readsRollups = false
    let queryStart = ContinuousClock.now
    _ = try await ledger.overview(LedgerFilter(since: now.addingTimeInterval(-7 * 86_400)))
    outcome.query = seconds(ContinuousClock.now - queryStart)
    return outcome
}

var outcomes: [Bool: [Outcome]] = [:]
for index in 0..<runs {
    for partitioned in [false, true] {
        let outcome = try await run(partitioned: partitioned)
        outcomes[partitioned, default: []].append(outcome)
        say("run \(index + 1) \(partitioned ? "partitioned" : "plain"): loaded \(rowCount) in \(String(format: "%.1f", outcome.load)) s, "
            + "removed \(outcome.removed) in \(String(format: "%.2f", outcome.retention)) s")
    }
}
let measured = outcomes
func median(_ partitioned: Bool, _ value: (Outcome) -> Double) -> Double {
    measured[partitioned]!.map(value).sorted()[runs / 2]
}
say("\n\(rowCount) realistic calls over 12 months, retention removing the oldest 6 (kind calls), \(runs) runs alternating, medians")
say("form          load s   retention s   WAL MiB   size after MiB   7-day overview ms")
for partitioned in [false, true] {
    say((partitioned ? "partitioned" : "plain").padding(toLength: 12, withPad: " ", startingAt: 0)
        + String(format: "%7.1f   %11.2f   %7.1f   %14.1f   %17.1f", median(partitioned, \.load), median(partitioned, \.retention),
                 median(partitioned, \.walBytes) / 1_048_576, median(partitioned, \.sizeAfter) / 1_048_576, median(partitioned, \.query) * 1000))
}
say(String(format: "retention: partitioned takes %.1f%% of the plain table's time and writes %.1f%% of its WAL",
           100 * median(true, \.retention) / median(false, \.retention), 100 * median(true, \.walBytes) / max(1, median(false, \.walBytes))))
