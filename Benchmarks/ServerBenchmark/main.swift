// `ailedger serve` under load on loopback beside the in-process buffered writer, on the
// same realistic calls (~3 KB each) in the same run: calls/s of each and their ratio, and
// the latency of a 100-call POST at the maximal rate and at half of it.
//
//   swift build -c release --product ailedger --product ServerBenchmark
//   .build/release/ServerBenchmark <url> [<url> ...]
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
    say("usage: ServerBenchmark <database-url> ...")
    exit(2)
}
let drivers: [any DatabaseDriver] = [SQLiteDriver(), PostgresDriver(), MySQLDriver()]
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ailedger").path
let seconds = Double(ProcessInfo.processInfo.environment["BENCH_SECONDS"] ?? "") ?? 30
let batch = 100, connections = 4, tasks = 4
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-server-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

func format(_ value: Double, _ decimals: Int = 0) -> String { String(format: "%.\(decimals)f", value) }

/// The in-process writer: `tasks` tasks recording batches of 100 calls, each with a new id,
/// for `seconds`, then a flush; calls/s over the whole.
func inProcess(_ url: String, _ templates: [[Call]]) async throws -> Double {
    let ledger = try await Ledger.open(url: url, drivers: drivers, writer: WriterOptions())
    let start = ContinuousClock.now, deadline = start + .seconds(seconds)
    let recorded = try await withThrowingTaskGroup(of: Int.self) { group in
        for task in 0..<tasks {
            group.addTask {
                var count = 0, index = task
                while ContinuousClock.now < deadline {
                    var calls = templates[index % templates.count]
                    for i in calls.indices { calls[i].id = UUID.v7() }
                    try await ledger.record(RecordBatch(calls: calls))
                    count += calls.count
                    index += tasks
                }
                return count
            }
        }
        return try await group.reduce(0, +)
    }
    // However long the database takes to commit what is buffered.
    var drained = false
    for _ in 0..<20 where !drained { drained = await ledger.flush(timeout: .seconds(30)).isComplete }
    let elapsed = ContinuousClock.now - start
    await ledger.close()
    guard drained else { throw LoadError("the in-process writer did not drain") }
    return Double(recorded) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// Starts `ailedger serve` on a free port.
func startServer(_ url: String, outbox: String) async throws -> (ChildProcess, Int) {
    let process = try ChildProcess.spawn([binary, "serve", "--url", url, "--port", "0", "--insecure-no-auth", "--outbox", outbox,
                                          "--capture-content",
                                          "--requests-per-second", "1000000", "--burst", "1000000"])
    for _ in 0..<600 {
        if let range = process.output.range(of: #"on http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
           let port = Int(process.output[range].split(separator: ":").last ?? "") {
            return (process, port)
        }
        try await Task.sleep(for: .milliseconds(50))
    }
    await process.kill()
    throw LoadError("the server did not start: \(process.output.suffix(1_000))")
}

guard FileManager.default.isExecutableFile(atPath: binary) else {
    say("\(binary) is missing: swift build -c release --product ailedger")
    exit(2)
}
say("Batches of \(batch) calls of ~3 KB; \(seconds) s per run; \(tasks) recording tasks in process, \(connections) HTTP connections")
for url in urls {
    let kind = url.hasPrefix("sqlite") ? "sqlite" : url.hasPrefix("postgres") ? "postgres" : "mysql"
    let setup = try await Ledger.open(url: url, drivers: drivers)
    try await setup.migrate()
    await setup.close()
    let run = UUID().uuidString.prefix(8)
    let templates = (0..<20).map { RealisticCalls.make(batch, user: "bench-\(run)-in", seed: $0) }
    let size = RealisticCalls.body(templates[0]).utf8.count / batch
    /// Each run starts on an empty table, so neither pays for the rows of the other.
    func empty() async throws {
        let ledger = try await Ledger.open(url: url, drivers: drivers)
        _ = try await ledger.database.withConnection(.write) { connection in
            try await connection.execute(kind == "sqlite" ? "DELETE FROM ailedger_calls" : "TRUNCATE ailedger_calls", [])
        }
        await ledger.close()
    }
    try await empty()
    let direct = try await inProcess(url, templates)
    try await empty()

    let (server, port) = try await startServer(url, outbox: folder.appendingPathComponent("outbox-\(kind).sqlite").path)
    let user = "bench-\(run)-http"
    let bodies = (0..<20).map { LoadConnection.post("/v1/calls", body: RealisticCalls.body(RealisticCalls.make(batch, user: user, seed: $0))) }
    func commitAll() async throws -> Double {
        let started = Date()
        var committed = false
        for _ in 0..<20 where !committed {
            let answer = try LoadConnection(port: port).send(LoadConnection.post("/v1/calls?wait=commit", body: "[]"))
            committed = answer.status == 200 && answer.body.contains("\"committed\":true")
        }
        guard committed else { throw LoadError("the server did not commit: \(server.output.suffix(1_000))") }
        return Date().timeIntervalSince(started)
    }
    let full = try await LoadRun.run(port: port, requests: bodies, connections: connections, seconds: seconds)
    let served = Double(full.accepted) / (full.seconds + (try await commitAll()))
    let halfRate = served / 2 / Double(batch)  // requests per second
    let half = try await LoadRun.run(port: port, requests: bodies, connections: connections, seconds: seconds / 2,
                                     interval: Double(connections) / halfRate)
    // Everything accepted committed before the next run, however long the database takes.
    let drained = try await commitAll()
    let check = try await Ledger.open(url: url, drivers: drivers)
    let stored = try await check.usage(LedgerFilter(userID: user)).calls
    await check.close()
    guard stored == Int64(full.accepted + half.accepted), full.failures + half.failures == 0 else {
        throw LoadError("\(kind): \(full.accepted + half.accepted) calls accepted, \(stored) stored, \(full.failures + half.failures) failed requests")
    }
    try await empty()

    // The same calls as OpenTelemetry spans: one trace per request, protobuf, content kept.
    let spanUser = "bench-\(run)-otlp"
    let (template, offsets, times) = OTLPRequests.template(RealisticCalls.make(batch, user: spanUser, seed: 0), user: spanUser)
    let otlpRequest = Array("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\nContent-Length: \(template.count)\r\n\r\n".utf8)
    let head = otlpRequest.count
    let spans = try await LoadRun.run(port: port, requests: [otlpRequest + template], connections: connections, seconds: seconds,
                                      prepare: { request, number in
                                          OTLPRequests.patch(&request, offsets: offsets.map { $0 + head },
                                                                     times: times.map { ($0.start + head, $0.end + head, $0.nanos) }, number: number)
                                      }, acceptedPerRequest: batch)
    let spanCommit = try await commitAll()
    let spanRate = Double(spans.accepted) / (spans.seconds + spanCommit)
    server.send(SIGTERM)
    guard await server.exitStatus() == 0 else { throw LoadError("the server did not stop cleanly: \(server.output.suffix(1_000))") }

    let spanCheck = try await Ledger.open(url: url, drivers: drivers)
    let storedSpans = try await spanCheck.usage(LedgerFilter(userID: spanUser)).calls
    await spanCheck.close()
    guard storedSpans == Int64(spans.accepted), spans.failures == 0 else {
        throw LoadError("\(kind): \(spans.accepted) spans accepted, \(storedSpans) stored, \(spans.failures) failed requests")
    }
    say("""

    \(kind) (calls of \(size) bytes of JSON)
      in-process writer          \(format(direct).leftPad(8)) calls/s
      ailedger serve, HTTP       \(format(served).leftPad(8)) calls/s   \(format(served / direct * 100))% of in-process
        100-call POST at that rate:   p50 \(format(full.percentile(50), 1)) ms, p99 \(format(full.percentile(99), 1)) ms
        at half of it (\(format(halfRate * Double(batch))) calls/s): p50 \(format(half.percentile(50), 1)) ms, p99 \(format(half.percentile(99), 1)) ms
      every accepted call stored: \(stored) (the last of them committed \(format(drained, 1)) s after the half-rate run)
      OTLP protobuf, /v1/traces  \(format(spanRate).leftPad(8)) spans/s   \(format(spanRate / served * 100))% of the JSON API
        100-span POST:               p50 \(format(spans.percentile(50), 1)) ms, p99 \(format(spans.percentile(99), 1)) ms
      every accepted span stored: \(storedSpans)
    """)
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
