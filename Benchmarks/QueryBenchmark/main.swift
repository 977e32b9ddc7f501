// Times the query engine, reading the hourly rollups where they answer and the raw rows
// where told to, against the same questions written by hand as one SQL statement over the
// raw table and run through the database's own client, over ten million recorded calls.
//
//   swift run -c release QueryBenchmark <url> [<url> ...]
//
// Client times include starting the client; the "client start" row measures that alone
// (`SELECT 1`), and the adjusted ratio compares the engine with the client's time minus it.
import AILedger
import AILedgerConformance
import AILedgerMySQL
import AILedgerPostgres
import AILedgerSQLite
import Foundation

/// Prints at once, also when the output is a file.
func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }


let urls = Array(CommandLine.arguments.dropFirst())
guard !urls.isEmpty else {
    say("usage: QueryBenchmark <database-url> ...")
    exit(2)
}
let drivers: [any DatabaseDriver] = [SQLiteDriver(), PostgresDriver(), MySQLDriver()]

func client(_ sql: HandWrittenSQL, _ statement: String) async throws {
    let result = try await TestServer.run(["Q=\(statement)", "sh", "-c", sql.client])
    guard result.status == 0 else { throw LedgerError(.databaseError, "the client failed: \(result.output)") }
}

for url in urls {
    let ledger = try await Ledger.open(url: url, drivers: drivers)
    try await ledger.migrate()
    let sql = try HandWrittenSQL(url: url)
    if let seconds = try await BenchmarkWorkload.load(into: ledger) {
        say("\(sql.dialect): recorded \(BenchmarkWorkload.callCount) calls in \(String(format: "%.1f", seconds)) s "
              + "(\(Int(Double(BenchmarkWorkload.callCount) / seconds)) calls/s)")
    }
    if ProcessInfo.processInfo.environment["AILEDGER_BENCH_LOAD_ONLY"] != nil {
        await ledger.close()
        continue
    }
    let window = LedgerFilter(since: BenchmarkWorkload.windowStart)
    let startup = try await Stopwatch.median { try await client(sql, "SELECT 1") }
    let questions: [(String, () async throws -> Void, String)] = [
        ("overview, 30 days", { _ = try await ledger.overview(window) }, sql.overview),
        ("group by model, 30 days", { _ = try await ledger.usage(by: .model, window) }, sql.byModel),
        ("daily series, 30 days", { _ = try await ledger.usage(by: .day, window) }, sql.daily),
        ("top 20 users by cost", { _ = try await ledger.usage(by: .user, window, top: 20) }, sql.topUsers),
        ("failures page (50)", { _ = try await ledger.failures(window, limit: 50) }, sql.failures),
        ("filtered page (100)", {
            var filter = window
            filter.userID = "user-17"
            filter.model = "gpt-4o"
            _ = try await ledger.calls(filter, limit: 100)
        }, sql.filteredPage),
    ]
    say("\n\(sql.dialect): medians of 5 runs, ms   (client start, SELECT 1: \(String(format: "%.1f", startup)) ms)")
    say("engine: as it answers (rollups where they cover the question); raw: the engine told to read raw rows;")
    say("client: the hand-written SQL over the raw table; ratio: engine / (client - client start)")
    say("question                    engine   source        raw     client      ratio   (goal: engine under 100 ms)")
    let sources = [try await ledger.aggregateSource(for: window), try await ledger.aggregateSource(for: window, by: .model),
                   try await ledger.aggregateSource(for: window), try await ledger.aggregateSource(for: window, by: .user)]
    for (index, (name, engine, statement)) in questions.enumerated() {
        let mine = try await Stopwatch.median(engine)
        // The raw columns take minutes per question at ten million calls on MariaDB.
        guard ProcessInfo.processInfo.environment["AILEDGER_BENCH_SKIP_RAW"] == nil else {
            say(name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%10.1f", mine) + "   "
                  + (index < sources.count ? sources[index].rawValue : "raw-rows") + (mine < 100 ? "" : "   over 100 ms"))
            continue
        }
        ledger.readsRollups = false
        let raw = try await Stopwatch.median(engine)
        ledger.readsRollups = true
        let theirs = try await Stopwatch.median { try await client(sql, statement) }
        let adjusted = max(theirs - startup, 0.1)
        let source = index < sources.count ? sources[index].rawValue : "raw-rows"
        say(name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%10.1f", mine) + "   "
              + source.padding(toLength: 9, withPad: " ", startingAt: 0)
              + String(format: "%10.1f %10.1f %9.2fx", raw, theirs, mine / adjusted) + (mine < 100 ? "" : "   over 100 ms"))
    }
    await ledger.close()

    // Each dashboard view over the same 30 days, through `ailedger serve` on loopback.
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ailedger").path
    let outbox = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-query-bench-\(UUID().uuidString).sqlite").path
    let server = try ChildProcess.spawn([binary, "serve", "--url", url, "--port", "0", "--insecure-no-auth", "--outbox", outbox,
                                         "--log-level", "warning"])
    var base = ""
    for _ in 0..<600 where base.isEmpty {
        if let found = server.output.range(of: #"on http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
            base = "http://127.0.0.1:" + (server.output[found].split(separator: ":").last.map(String.init) ?? "")
        } else {
            try await Task.sleep(for: .milliseconds(50))
        }
    }
    guard !base.isEmpty else { throw LedgerError(.databaseError, "ailedger serve did not start: \(server.output.suffix(1_000))") }
    say("\n\(sql.dialect): each dashboard view over 30 days through ailedger serve, median of 5 loads, ms (goal: under 1,000)")
    for (name, phases) in DashboardViews.views(since: BenchmarkWorkload.windowStart, until: BenchmarkWorkload.end) {
        let time = try await Stopwatch.median { try await DashboardViews.load(phases, from: base) }
        say(name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%10.1f", time) + (time < 1_000 ? "" : "   over 1 s"))
    }
    server.send(SIGTERM)
    _ = await server.exitStatus()
    try? FileManager.default.removeItem(atPath: outbox)
}
