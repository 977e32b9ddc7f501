import AILedger
import Foundation

/// `ailedger retention apply` over 100,000 records, killed mid-run with SIGKILL and run
/// again, into the archive tables and into a gzip file: nothing lost, nothing archived
/// twice, and the file loaded back with `ailedger ingest` restores every record.
public enum RetentionScenario {
    /// Runs the scenario against the database at `url` (emptied first), opened with
    /// `drivers` to record and to check.
    public static func expectSurvivesKill(url: String, drivers: [any DatabaseDriver]) async throws {
        let binary = ServeScenario.binary
        // Counts below are of whole tables: start from an empty schema.
        let ledger = try await Ledger.open(url: url, drivers: drivers)
        let applied = try await ledger.migrations.history().filter(\.success).count
        if applied > 0 { try await ledger.migrations.down(steps: applied) }
        try await ledger.migrate()
        let folder = try WriterFaultCases.temporaryFolder("retention")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            // 20,000 interactions 60 days old, each with 4 calls and every tenth with 2 SQL
            // statements (104,000 rows), and 1,000 calls of yesterday.
            let old = Date().addingTimeInterval(-60 * 86_400), recent = Date().addingTimeInterval(-86_400)
            try await record(interactions: 20_000, at: old, into: ledger, recent: 1_000, at: recent)
            let callsBefore = try await ledger.usage().calls
            try Expect.equal(callsBefore, 81_000, "the calls recorded")

            // Into the archive tables: killed once a fifth is archived, then run to the end.
            let killed = try await runKilled([binary, "retention", "apply", "--url", url, "--older-than", "30d", "--archive", "table",
                                              "--batch-size", "1000"]) {
                try await count(ledger, "ailedger_calls_archive") >= 16_000
            }
            try Expect.equal(killed, 137, "the first run was killed mid-way")
            let rerun = try ChildProcess.spawn([binary, "retention", "apply", "--url", url, "--older-than", "30d", "--archive", "table"])
            try Expect.equal(await rerun.exitStatus(), 0, "the second run: \(rerun.output)")
            for (table, live, archived) in [("ailedger_calls", 1_000, 80_000), ("ailedger_interactions", 0, 20_000),
                                            ("ailedger_sql_queries", 0, 4_000)] {
                try Expect.equal(try await count(ledger, table), live, "\(table) left")
                try Expect.equal(try await count(ledger, table + "_archive"), archived, "\(table) archived once each")
            }
            try Expect.equal(try await ledger.usage().calls, callsBefore, "the rollups still count every call")

            // Into a gzip file: killed once the first batch is in the file, run again, read
            // back with gzip, and loaded back with `ailedger ingest`. The killed run takes
            // small batches, so that it is still running, however slow the machine, when
            // the first one reaches the file.
            try await record(interactions: 2_000, at: old, into: ledger, recent: 0, at: recent)
            let file = folder.appendingPathComponent("archive.jsonl.gz").path
            let killedFile = try await runKilled([binary, "retention", "apply", "--url", url, "--older-than", "30d", "--archive", file,
                                                  "--batch-size", "50"]) {
                ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0) > 0
            }
            try Expect.equal(killedFile, 137, "the file run was killed mid-way")
            let fileRerun = try ChildProcess.spawn([binary, "retention", "apply", "--url", url, "--older-than", "30d", "--archive", file,
                                                    "--batch-size", "500"])
            try Expect.equal(await fileRerun.exitStatus(), 0, "the second file run: \(fileRerun.output)")
            try Expect.that(!FileManager.default.fileExists(atPath: file + ".pending"), "no journal left")
            let unzip = try ChildProcess.spawn(["/usr/bin/env", "gzip", "-dc", file])
            try Expect.equal(await unzip.exitStatus(), 0, "gzip reads the archive")
            var ids: [String: Int] = [:]
            for line in unzip.output.split(separator: "\n") {
                guard case .object(let entry)? = try? JSONValue(jsonText: String(line)), case .string(let kind)? = entry["kind"],
                      case .object(let record)? = entry["record"], case .string(let id)? = record["id"] else {
                    throw ConformanceFailure(message: "an archive line is not {kind, record}: \(line.prefix(200))", location: #fileID)
                }
                ids[kind, default: 0] += 1
                ids[id, default: 0] += 1
            }
            try Expect.equal([ids["call"], ids["interaction"]], [8_000, 2_000], "every call and interaction in the file")
            try Expect.that(ids.filter { $0.key.count > 20 }.allSatisfy { $0.value == 1 }, "no record archived twice")
            try Expect.equal(try await count(ledger, "ailedger_interactions"), 0, "the interactions removed")
            let load = try ChildProcess.spawn([binary, "ingest", "--url", url, file])
            try Expect.equal(await load.exitStatus(), 0, "ingest loads the archive back: \(load.output.suffix(500))")
            try Expect.equal(try await count(ledger, "ailedger_interactions"), 2_000, "the interactions back")
            try Expect.equal(try await count(ledger, "ailedger_calls"), 9_000, "the calls back")
            try Expect.equal(try await count(ledger, "ailedger_sql_queries"), 400, "their SQL statements back")
            await ledger.close()
        } catch {
            await ledger.close()
            throw error
        }
    }

    /// `interactions` interactions at `old` with 4 calls each (every tenth with 2 SQL
    /// statements), and `recent` lone calls at `at`.
    static func record(interactions: Int, at old: Date, into ledger: Ledger, recent: Int, at later: Date) async throws {
        for start in stride(from: 0, to: interactions, by: 500) {
            var batch = RecordBatch()
            for n in start..<min(start + 500, interactions) {
                let time = old.addingTimeInterval(Double(n) * 0.01)
                let interaction = Interaction(createdAt: time, userID: "retention-\(n % 50)",
                                              sqlQueries: n % 10 == 0 ? [SQLQuery(statement: "SELECT \(n)"), SQLQuery(statement: "SELECT 2")] : nil)
                batch.interactions.append(interaction)
                for k in 0..<4 {
                    batch.calls.append(Call(interactionID: interaction.id, createdAt: time.addingTimeInterval(Double(k) * 0.001),
                                            model: "retention", usage: TokenUsage(input: 100, output: 10)))
                }
            }
            try await ledger.record(batch)
        }
        if recent > 0 {
            try await ledger.record(RecordBatch(calls: (0..<recent).map { n in
                Call(createdAt: later.addingTimeInterval(Double(n) * 0.01), model: "retention", usage: TokenUsage(input: 100, output: 10))
            }))
        }
    }

    /// Starts `arguments`, and kills it with SIGKILL as soon as `ready` holds; returns its
    /// exit status (137 when killed, 0 when it finished first).
    static func runKilled(_ arguments: [String], ready: () async throws -> Bool) async throws -> Int32 {
        let process = try ChildProcess.spawn(arguments)
        for _ in 0..<6_000 {
            if try await ready() { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        process.send(SIGKILL)
        return await process.exitStatus()
    }

    static func count(_ ledger: Ledger, _ table: String) async throws -> Int {
        let rows = try await ledger.database.withConnection(.read) { connection in
            try await connection.query("SELECT COUNT(*) FROM \(table)", [])
        }
        switch rows.first?.values.first {
        case .integer(let value)?: return Int(value)
        case .text(let text)?: return Int(text) ?? -1
        default: return -1
        }
    }
}
