// What redaction costs beside what writing costs, on the same ~3 KB realistic calls:
// redaction alone per record under three policies, and record() through the buffered
// writer into each database with redaction off and on.
//
//   swift run -c release RedactionBenchmark <url> [<url> ...]
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
    say("usage: RedactionBenchmark <database-url> ...")
    exit(2)
}
let drivers: [any DatabaseDriver] = [SQLiteDriver(), PostgresDriver(), MySQLDriver()]
let count = 20_000, runs = 5

/// The calls: one in twenty carries an email, a phone number and a card number in its
/// prompt and request, as a customer's message would.
func calls(seed: Int) -> [Call] {
    RealisticCalls.make(count, user: "bench-redaction", seed: seed).enumerated().map { index, call in
        guard index % 20 == 0 else { return call }
        var call = call
        let personal = " Reach me at jane.doe\(index)@example.com or +44 20 7946 \(String(format: "%04d", index % 10_000)), card 4111 1111 1111 1111."
        call.inputText = (call.inputText ?? "") + personal
        call.request = ["messages": [["role": "user", "content": .string(call.inputText ?? "")]]]
        return call
    }
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

func seconds(_ work: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await work()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

var everything = RedactionPolicy.all
everything.detectors[.email] = .pseudonym
everything.userIDs = .pseudonym
everything.pseudonymKey = Array("a benchmark pseudonym key, 32 b!".utf8)
let policies: [(name: String, policy: RedactionPolicy)] = [("secrets (default)", .secrets), ("all detectors", .all),
                                                            ("all + pseudonyms", everything)]
let sample = calls(seed: 1)
let bytes = sample.reduce(0) { $0 + $1.json.jsonText.utf8.count } / sample.count
say("redaction of \(count.formatted()) calls of ~\(bytes.formatted()) bytes of JSON each, 1 in 20 holding personal data; medians of \(runs) runs")
var redactionCost: [String: Double] = [:]
for (name, policy) in policies {
    let redactor = try Redactor(policy: policy)
    var times: [Double] = []
    for _ in 0..<runs {
        var changed = 0
        times.append(await seconds {
            for call in sample where redactor.redacted(call).inputText != call.inputText { changed += 1 }
        })
        precondition(policy.detectors[.email] == nil || changed == count / 20, "every call with personal data redacted")
    }
    redactionCost[name] = median(times) / Double(count) * 1e6
    say("  \(name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(String(format: "%6.2f", redactionCost[name]!)) µs per record")
}

say("\nrecord() through the buffered writer, \(count.formatted()) calls from one task, then close; alternating, medians of \(runs) runs")
for url in urls {
    let shown = (try? DatabaseURL(url).description) ?? "?"
    let setup = try await Ledger.open(url: url, drivers: drivers)
    try await setup.migrate()
    await setup.close()
    var times: [String: [Double]] = [:]
    for run in 0..<runs {
        for (name, policy) in [("off", RedactionPolicy.off), ("secrets (default)", .secrets), ("all + pseudonyms", everything)] {
            let batch = calls(seed: 100 + run * 10 + times.count)
            let ledger = try await Ledger.open(url: url, drivers: drivers, writer: WriterOptions(), redaction: policy)
            let elapsed = try await seconds {
                for call in batch { try await ledger.record(call) }
                let left = await ledger.close()
                precondition(left.isComplete)
            }
            times[name, default: []].append(elapsed / Double(count) * 1e6)
        }
    }
    let off = median(times["off"]!)
    say("  \(shown)")
    for name in ["off", "secrets (default)", "all + pseudonyms"] {
        let cost = median(times[name]!)
        say("    redaction \(name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(String(format: "%7.2f", cost)) µs per record written"
            + (name == "off" ? "" : String(format: "  (%.2f× off; redaction alone is %.0f%% of writing)", cost / off,
                                          (redactionCost[name] ?? 0) / off * 100)))
    }
}
