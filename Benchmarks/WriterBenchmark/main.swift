// Ingest throughput of the buffered writer beside each database's fastest C path on the
// same rows (the programs of Benchmarks/Ceilings, built by `make ceilings`; the folder
// holding them in AILEDGER_CEILINGS, default .build/ceilings), realistic and small rows;
// the seeds' one-insert-and-commit-per-record style; and record() latency under load.
//
//   swift run -c release WriterBenchmark <url> [<url> ...]
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
    say("usage: WriterBenchmark <database-url> ...")
    exit(2)
}
let drivers: [any DatabaseDriver] = [SQLiteDriver(), PostgresDriver(), MySQLDriver()]
let rowCount = 200_000, perRowCount = 5_000, tasks = 8
let runs = Int(ProcessInfo.processInfo.environment["AILEDGER_BENCH_RUNS"] ?? "") ?? 3
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-writer-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

func shell(_ command: String) async throws {
    let result = try await TestServer.run(["sh", "-c", command])
    guard result.status == 0 else { throw LedgerError(.databaseError, "\(command.prefix(60))... failed: \(result.output.prefix(500))") }
}

func seconds(_ work: () async throws -> Void) async throws -> Double {
    let start = ContinuousClock.now
    try await work()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// CPU seconds this process has used so far, in user and system mode.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return [usage.ru_utime, usage.ru_stime].reduce(0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
}

/// The minor page faults this process has taken so far.
func minorFaults() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_minflt
}

/// Seconds each thread of this process has run so far, and waited to run (runnable, its
/// core busy with another thread), summed by thread name (the cooperative pool's threads
/// share one name), from /proc.
func threadSeconds() -> [String: (ran: Double, waited: Double)] {
    var byName: [String: (ran: Double, waited: Double)] = [:]
    for task in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? [] {
        guard let stat = try? String(contentsOfFile: "/proc/self/task/\(task)/schedstat", encoding: .utf8),
              let name = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8) else { continue }
        let fields = stat.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        guard fields.count >= 2 else { continue }
        let key = name.trimmingCharacters(in: .whitespacesAndNewlines), was = byName[key] ?? (0, 0)
        byName[key] = (was.ran + fields[0] / 1e9, was.waited + fields[1] / 1e9)
    }
    return byName
}

/// This process's resident memory now, in KiB.
func residentKiB() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

/// What `work` returns, and how far this process's resident memory rose above where it was
/// as it began, at most, while it ran (KiB, sampled every 20 ms).
func peakGrowth<T: Sendable>(_ work: () async throws -> T) async throws -> (T, Int) {
    let before = residentKiB()
    let peak = Locked(before)
    let sampler = Task.detached {
        while !Task.isCancelled {
            let now = residentKiB()
            peak.withLock { $0 = max($0, now) }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
    defer { sampler.cancel() }
    let result = try await work()
    sampler.cancel()
    return (result, max(peak.withLock { $0 }, residentKiB()) - before)
}

/// Seconds for 8 tasks to record `rows` into `ledger`, then flush. Each task records the
/// next row not taken yet, so that the calls arrive in the order of their ids and times,
/// as from live clients making them now. With `contiguous`, task t records the t-th eighth
/// of the rows instead: eight time ranges arrive at once, interleaved.
func recording(_ rows: [Call], into ledger: Ledger, contiguous: Bool = false) async throws -> Double {
    let next = Locked(0)
    return try await seconds {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for t in 0..<tasks {
                if contiguous {
                    group.addTask { for call in rows[t * (rows.count / tasks)..<(t + 1) * (rows.count / tasks)] { try await ledger.record(call) } }
                    continue
                }
                group.addTask {
                    while case let index = next.withLock({ value in defer { value += 1 }; return value }), index < rows.count {
                        try await ledger.record(rows[index])
                    }
                }
            }
            try await group.waitForAll()
        }
        await ledger.flush()
    }
}

/// Microseconds each call of `body` took, 8 tasks each calling it for 10 calls every 10 ms
/// (about 8,000 calls/s) for 3 seconds; negative for the first call after each sleep. Each
/// call is copied out of the list before the clock starts and handed over, as an app hands
/// `record()` a call it has just built: the clock measures `body`, not the first touch of a
/// value built seconds before, nor retaining what the app no longer needs.
func pacedLatencies(_ calls: [Call], _ body: @escaping @Sendable (consuming Call) async throws -> Void) async throws -> [Double] {
    try await withThrowingTaskGroup(of: [Double].self) { group in
        let share = calls.count / tasks
        for t in 0..<tasks {
            let mine = Array(calls[t * share..<(t + 1) * share])
            group.addTask {
                var times: [Double] = []
                times.reserveCapacity(mine.count)
                for start in stride(from: 0, to: mine.count - 9, by: 10) {
                    for index in start..<start + 10 {
                        let call = mine[index]
                        let began = DispatchTime.now().uptimeNanoseconds
                        try await body(consume call)
                        let micros = Double(DispatchTime.now().uptimeNanoseconds - began) / 1_000
                        times.append(index == start ? -micros : micros)
                    }
                    try await Task.sleep(for: .milliseconds(10))
                }
                return times
            }
        }
        var all: [Double] = []
        for try await part in group { all += part }
        return all
    }
}

/// Prints the percentiles of `latencies` (from `pacedLatencies`).
func report(_ title: String, _ latencies: [Double]) {
    let all = latencies.map(abs).sorted(), warm = latencies.filter { $0 >= 0 }.sorted()
    let cold = latencies.filter { $0 < 0 }.map(abs).sorted()
    let p = { (sorted: [Double], percent: Int) in sorted[sorted.count * percent / 100] }
    say(String(format: "%@: p50 %.2f µs, p99 %.2f µs, max %.0f µs", title, p(all, 50), p(all, 99), all.last ?? 0))
    say(String(format: "          first call after each task's 10 ms sleep (1 in 10): p50 %.2f µs, p90 %.2f µs, p99 %.2f µs; the others: p50 %.2f µs, p99 %.2f µs",
                 p(cold, 50), p(cold, 90), p(cold, 99), p(warm, 50), p(warm, 99)))
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

func rate(_ rows: Int, _ seconds: Double) -> String { String(format: "%9.0f rows/s", Double(rows) / seconds) }

/// Runs a ceiling program, returning the seconds it reports for loading alone.
/// The seconds a ceiling program took to load its rows, and the CPU seconds its loading
/// thread used meanwhile if it says (the SQLite one does).
func ceiling(_ command: String) async throws -> (seconds: Double, cpu: Double?) {
    let result = try await TestServer.run(["sh", "-c", command])
    let fields = result.output.split(whereSeparator: \.isWhitespace)
    let field = { (name: String) in fields.first { $0.hasPrefix(name + "=") }.flatMap { Double($0.dropFirst(name.count + 1)) } }
    guard result.status == 0, let seconds = field("seconds") else {
        throw LedgerError(.databaseError, "the ceiling program failed: \(result.output.prefix(500))")
    }
    return (seconds, field("cpu"))
}

let ceilings = ProcessInfo.processInfo.environment["AILEDGER_CEILINGS"] ?? ".build/ceilings"
// AILEDGER_BENCH_ROWS=realistic or =small measures that row set alone; =none, neither
// (record() latency and the per-row style alone).
let chosenRows = ProcessInfo.processInfo.environment["AILEDGER_BENCH_ROWS"]
let rowSets = [("realistic (~3 KB, JSON)", [nil, "realistic"].contains(chosenRows) ? BenchmarkRows.realistic(rowCount, seed: 1) : []),
               ("small (~200 B)", [nil, "small"].contains(chosenRows) ? BenchmarkRows.small(rowCount, seed: 1) : [])]
    .filter { !$0.1.isEmpty }

for url in urls {
    let parsed = try DatabaseURL(url)
    let q = { (s: String) in "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    let kind = parsed.scheme == "sqlite" ? "sqlite" : parsed.scheme.hasPrefix("postgres") ? "postgres" : "mysql"
    let database = parsed.path.hasPrefix("/") && kind == "mysql" ? String(parsed.path.dropFirst()) : parsed.path
    let client: (String) -> String = { sql in
        switch kind {
        case "sqlite": return "sqlite3 \(q(parsed.path)) \(q(sql))"
        case "postgres": return "psql -X -q -v ON_ERROR_STOP=1 \(q(url)) -c \(q(sql))"
        default:
            return "MYSQL_PWD=\(q(parsed.password ?? "")) mariadb -h \(q(parsed.host ?? "")) -P \(parsed.port ?? 3306) -u \(q(parsed.user ?? "")) \(q(database)) -e \(q(sql))"
        }
    }
    // The ceiling program for this database, the password in the environment.
    let load: (String) -> String = { file in
        switch kind {
        case "sqlite": return "\(ceilings)/ceiling-sqlite \(q(parsed.path)) \(q(file))"
        case "postgres":
            let target = "postgres://\(parsed.user ?? "")@\(parsed.host ?? "")\(parsed.port.map { ":\($0)" } ?? "")\(parsed.path)"
            return "PGPASSWORD=\(q(parsed.password ?? "")) \(ceilings)/ceiling-postgres \(q(target)) \(q(file))"
        default:
            return "MYSQL_PWD=\(q(parsed.password ?? "")) \(ceilings)/ceiling-mariadb \(q(parsed.host ?? "")) \(parsed.port ?? 3306) "
                + "\(q(parsed.user ?? "")) \(q(database)) \(q(file))"
        }
    }
    // Each load starts from the same state: no calls, and no rollups, which the writer keeps
    // in the same transactions (run after run on the same keys, they would only grow, and
    // on PostgreSQL bloat with the dead rows of their updates). On PostgreSQL each load also
    // starts right after a checkpoint: a load of realistic rows writes about 440 MB of WAL,
    // near the 540 MB that space checkpoints by default (max_wal_size 1 GB), so without one,
    // whether a checkpoint, and the full-page images written after it, fell within a load
    // would differ from load to load.
    let written = ["ailedger_calls"] + RollupBatch.tables.map(\.0)
    let empty = kind == "sqlite" ? client(written.map { "DELETE FROM \($0);" }.joined(separator: " "))
        : kind == "postgres" ? client("TRUNCATE " + written.joined(separator: ", ")) + " && " + client("CHECKPOINT")
        : client(written.map { "TRUNCATE \($0);" }.joined(separator: " "))
    let setup = try await Ledger.open(url: url, drivers: drivers)
    try await setup.migrate()
    await setup.close()
    say("\n\(kind): \(rowCount) calls per run, \(tasks) recording tasks, \(runs) runs of each alternating, medians")
    let path = kind == "sqlite" ? "one prepared INSERT per row, 10,000 rows per transaction"
        : kind == "postgres" ? "binary COPY, 10,000 rows per COPY" : "array-bound INSERT, 1,000 rows per execute, 10,000 per transaction"
    let ledger = try await Ledger.open(url: url, drivers: drivers, writer: WriterOptions())
    let plain = kind == "mysql"
        ? try await Ledger.open(url: url + (url.contains("?") ? "&" : "?") + "array_binding=off", drivers: drivers, writer: WriterOptions())
        : nil
    let bare = try await Ledger.open(url: url, drivers: drivers, writer: WriterOptions(), redaction: .off)
    var smallCeiling = 0.0  // rows/s

    // Each database's fastest C path and the buffered writer, same rows, alternating so
    // that a noisy neighbour hurts both alike.
    for (name, rows) in rowSets {
        let file = folder.appendingPathComponent("rows-\(kind)")
        try BenchmarkRows.rowFile(rows, sqlite: kind == "sqlite").write(to: file)
        // A first load, not measured: the first measured load, the C program's, ran 11-23%
        // slower than the later ones (the row file just written still being flushed to
        // disk, SQLite's database file growing from empty), which raised the writer's
        // first ratio as much.
        try await shell("sync")
        try await shell(empty)
        _ = try await ceiling(load(file.path))
        // And a first load by each writer, not measured either: a writer's first load in a
        // process is its heap's first at this size (its batches' memory and, on SQLite, the
        // page cache of its connection faulted in for the first time), which a long-running
        // application's writer did long before; on SQLite with realistic rows it used 14%
        // more CPU per row than the loads after it. How far memory grew meanwhile counts.
        var growth: [Int] = []
        for writer in [ledger, plain, name.hasPrefix("realistic") ? bare : nil].compactMap({ $0 }) {
            try await shell(empty)
            let (_, grew) = try await peakGrowth { try await recording(rows, into: writer) }
            if writer === ledger { growth.append(grew) }
        }
        var ceilingTimes: [Double] = [], buffers: [Double] = [], multiRow: [Double] = [], unredacted: [Double] = []
        var ranges: [Double] = [], threaded: [Double] = [], threadedCPU: Double?
        for _ in 0..<runs {
            try await shell(empty)
            ceilingTimes.append(try await ceiling(load(file.path)).seconds)
            if kind == "sqlite" {
                // The C program checkpointing as the writer does: on a second connection and
                // thread, until the WAL holds 256 MiB.
                try await shell(empty)
                let threadedLoad = try await ceiling(load(file.path) + " checkpoint-thread")
                threaded.append(threadedLoad.seconds)
                threadedCPU = threadedLoad.cpu
            }
            // Eight tasks recording as fast as they can, then one flush, right after the
            // ceiling: the pair compared runs under the same conditions.
            try await shell(empty)
            let cpuBefore = cpuSeconds(), threadsBefore = threadSeconds()
            let (time, grew) = try await peakGrowth { try await recording(rows, into: ledger) }
            let cpu = cpuSeconds() - cpuBefore
            let threads = threadSeconds().map { name, now in
                (name, now.ran - (threadsBefore[name]?.ran ?? 0), now.waited - (threadsBefore[name]?.waited ?? 0))
            }.filter { $0.1 >= 0.05 }
            buffers.append(time)
            growth.append(grew)
            // The same writer with eight time ranges arriving at once.
            try await shell(empty)
            ranges.append(try await recording(rows, into: ledger, contiguous: true))
            if let plain {
                // MariaDB: the same writer sending multi-row INSERTs, as it does to MySQL.
                try await shell(empty)
                multiRow.append(try await recording(rows, into: plain))
            }
            if name.hasPrefix("realistic") {
                // What secret redaction (on by default) costs the writer: the same, without.
                try await shell(empty)
                unredacted.append(try await recording(rows, into: bare))
            }
            if ProcessInfo.processInfo.environment["AILEDGER_BENCH_VERBOSE"] != nil {
                say("    run: ceiling \(rate(rowCount, ceilingTimes.last!))" + (threaded.last.map { ", with a checkpoint thread \(rate(rowCount, $0))" } ?? "")
                      + ", writer \(rate(rowCount, buffers.last!)), eight ranges \(rate(rowCount, ranges.last!))"
                      + (unredacted.last.map { ", unredacted \(rate(rowCount, $0))" } ?? "")
                      + String(format: "; the writer's process used %.1f µs of CPU per row", cpu * 1e6 / Double(rowCount)))
                say("      the writer's threads over its \(String(format: "%.2f", buffers.last!)) s, seconds run (and waiting for a core): "
                      + threads.sorted { $0.1 > $1.1 }.map { String(format: "%@ %.2f (%.2f)", $0.0, $0.1, $0.2) }.joined(separator: ", "))
                if let threadedCPU, let load = threaded.last {
                    say(String(format: "      the C program with a checkpoint thread: its loading thread ran %.2f s of its %.2f s", threadedCPU, load))
                }
            }
        }
        try? FileManager.default.removeItem(at: file)
        let best = median(ceilingTimes), buffered = median(buffers)
        smallCeiling = Double(rowCount) / best
        say("rows: \(name)")
        say("  ceiling   C, \(path.padding(toLength: 66, withPad: " ", startingAt: 0)) \(rate(rowCount, best))")
        if !threaded.isEmpty {
            say("            C, the same, checkpointing on a second thread as the writer does".padding(toLength: 82, withPad: " ", startingAt: 0)
                  + rate(rowCount, median(threaded)) + String(format: "   the writer: %.0f%% of it (runs: %@)", 100 * median(threaded) / buffered,
                                                              zip(buffers, threaded).map { String(format: "%.0f%%", 100 * $1 / $0) }.joined(separator: ", ")))
        }
        say("  AILedger  buffered writer, record() + flush()".padding(toLength: 82, withPad: " ", startingAt: 0) + rate(rowCount, buffered)
              + String(format: "   %.0f%% of the ceiling (runs: %@)", 100 * best / buffered,
                       zip(buffers, ceilingTimes).map { String(format: "%.0f%%", 100 * $1 / $0) }.joined(separator: ", ")))
        say("  AILedger  the same, each task recording its own eighth of the time range".padding(toLength: 82, withPad: " ", startingAt: 0)
              + rate(rowCount, median(ranges)) + String(format: "   %.0f%% of the ceiling", 100 * best / median(ranges)))
        if !multiRow.isEmpty {
            say("  AILedger  the same, array_binding=off (multi-row INSERTs)".padding(toLength: 82, withPad: " ", startingAt: 0)
                  + rate(rowCount, median(multiRow)) + String(format: "   %.0f%% of the ceiling", 100 * best / median(multiRow)))
        }
        if !unredacted.isEmpty {
            say("  AILedger  the same, redaction off (on by default: secrets)".padding(toLength: 82, withPad: " ", startingAt: 0)
                  + rate(rowCount, median(unredacted)) + String(format: "   %.0f%% of the ceiling", 100 * best / median(unredacted)))
        }
        say("            resident memory grew at most \(growth.max()! / 1024) MiB while recording (capacity: 100,000 records)")
    }
    // record() latency under a sustained load the database keeps up with: 8 tasks, each
    // recording 10 calls every 10 ms (about 8,000 calls/s) for 3 seconds.
    try await shell(empty)
    let paced = BenchmarkRows.small(24_000, seed: 3)
    let faultsBefore = minorFaults()
    let latencies = try await pacedLatencies(paced) { try await ledger.record($0) }
    let faults = minorFaults() - faultsBefore
    await ledger.flush()
    await ledger.close()
    await plain?.close()
    await bare.close()
    report("record() latency, 8 tasks at ~8,000 calls/s", latencies)
    if ProcessInfo.processInfo.environment["AILEDGER_BENCH_VERBOSE"] != nil {
        say(String(format: "          the process took %.2f minor page faults per call meanwhile", Double(faults) / Double(latencies.count)))
    }
    // What the machine adds to any call timed this way: the same pacing around nothing.
    report("control: the same pacing and timing around an empty call", try await pacedLatencies(paced) { _ in })

    // The seeds' style: one INSERT and one commit per record.
    try await shell(empty)
    let direct = try await Ledger.open(url: url, drivers: drivers)
    let single = BenchmarkRows.small(perRowCount, seed: 4)
    let perRow = try await seconds { for call in single { try await direct.record(call) } }
    await direct.close()
    say("per-row   one INSERT + COMMIT per record          \(rate(perRowCount, perRow))   "
          + String(format: "%.0f%% of the small rows' ceiling", 100 * Double(perRowCount) / perRow / smallCeiling))
}
let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
say("\npeak resident memory: " + (status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map(String.init) ?? "unknown"))
