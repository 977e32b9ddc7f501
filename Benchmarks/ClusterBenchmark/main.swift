// Buffered-writer throughput on a cluster beside a single server, same realistic rows (~3 KB,
// RealisticCalls), in one run: each target is written alternately, three runs, medians.
//
//   swift run -c release ClusterBenchmark label=<url> [label=<url> ...]
//
// `make bench-cluster` compares a standalone MariaDB, one Galera node, the three-node
// Galera cluster through its multi-host URL, a standalone PostgreSQL and a primary with a
// synchronous standby, all at their shipped durability settings.
import AILedger
import AILedgerConformance
import AILedgerMySQL
import AILedgerPostgres
import AILedgerSQLite
import Foundation

/// Prints at once, also when the output is a file.
func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

let targets = CommandLine.arguments.dropFirst().compactMap { argument -> (String, String)? in
    guard let equals = argument.firstIndex(of: "=") else { return nil }
    return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
}
guard !targets.isEmpty else {
    say("usage: ClusterBenchmark label=<database-url> ...")
    exit(2)
}
let drivers: [any DatabaseDriver] = [SQLiteDriver(), PostgresDriver(), MySQLDriver()]
let rowCount = 50_000, tasks = 8, runs = 3
let rows = RealisticCalls.make(rowCount, user: "bench-cluster", seed: 7)

var times: [String: [Double]] = [:]
for (_, url) in targets {
    let ledger = try await Ledger.open(url: url, drivers: drivers)
    try await ledger.migrate()
    await ledger.close()
}
for run in 0..<runs {
    for (label, url) in targets {
        let ledger = try await Ledger.open(url: url, drivers: drivers, writer: WriterOptions())
        _ = try await ledger.database.withConnection(.write) { connection in
            try await connection.execute(connection.dialect.name == "sqlite" ? "DELETE FROM ailedger_calls" : "TRUNCATE ailedger_calls", [])
        }
        // Fresh ids each run, so that no run replays another's.
        let batch = rows.map { call in
            var copy = call
            copy.id = UUID.v7()
            copy.createdAt = Date()
            return copy
        }
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for t in 0..<tasks {
                let mine = batch[t * (rowCount / tasks)..<(t + 1) * (rowCount / tasks)]
                group.addTask { for call in mine { try await ledger.record(call) } }
            }
            try await group.waitForAll()
        }
        await ledger.flush()
        let elapsed = ContinuousClock.now - start
        times[label, default: []].append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        await ledger.close()
        say("run \(run + 1): \(label) done")
    }
}
say("\n\(rowCount) realistic calls per run, \(tasks) recording tasks, \(runs) runs alternating, medians")
let reference = targets.first.map { times[$0.0]!.sorted()[runs / 2] } ?? 1
for (label, _) in targets {
    let median = times[label]!.sorted()[runs / 2]
    say(label.padding(toLength: 44, withPad: " ", startingAt: 0)
        + String(format: "%9.0f rows/s   %4.0f%% of %@   (runs: %@)", Double(rowCount) / median, 100 * reference / median, targets[0].0,
                 times[label]!.map { String(format: "%.2f s", $0) }.joined(separator: ", ")))
}
