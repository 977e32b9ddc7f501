import AILedger
import AILedgerConformance
import AILedgerPostgres
import AILedgerSQLite
import Foundation
import Testing

extension PostgresTests {
    /// Calls partitioned by month: the conversion keeps every row, index and key, replays
    /// still skip stored ids, and retention drops the months wholly before its cutoff.
    @Suite struct Partitions {
        static let drivers: [any DatabaseDriver] = [PostgresDriver(), SQLiteDriver()]

        /// The URL of a database of the test server called `name`, made if missing (and
        /// emptied first when `fresh`).
        static func database(_ name: String, fresh: Bool) async throws -> String {
            let url = try #require(TestServer.postgres.url)
            let admin = try await Ledger.open(url: url, drivers: drivers)
            try await admin.database.withConnection(.write) { connection in
                if fresh { _ = try await connection.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", []) }
                if try await connection.query("SELECT 1 FROM pg_database WHERE datname = $1", [.text(name)]).isEmpty {
                    _ = try await connection.execute("CREATE DATABASE \(name)", [])
                }
            }
            _ = await admin.close()
            return url.replacingOccurrences(of: "/ailedger_test", with: "/\(name)")
        }

        /// The whole conformance suite on partitioned calls, with months from January 2025,
        /// so the retention cases drop whole months.
        static let suite = ConformanceSuite(drivers: drivers, prepare: { ledger in
            try await ledger.partitionCalls(monthsAhead: 30, now: Timestamp.date(microseconds: Timestamp.parse("2025-01-15T00:00:00Z")!))
        }) { try await database("ailedger_partitioned", fresh: false) }

        @Test(arguments: ConformanceSuite.caseNames)
        func partitionedCalls(_ name: String) async throws {
            try await Self.suite.run(name)
        }

        @Test func monthsOfCallsAreDroppedWhole() async throws {
            let url = try await Self.database("ailedger_partitions", fresh: true)
            let ledger = try await Ledger.open(url: url, drivers: Self.drivers)
            defer { Task { _ = await ledger.close() } }
            try await ledger.migrate()
            let now = Date()
            let interaction = Interaction(createdAt: now.addingTimeInterval(-100 * 86_400), userID: "partitions")
            var calls: [Call] = []
            for month in 0..<5 {
                for n in 0..<4 {
                    let at = now.addingTimeInterval(Double(-month * 31 * 86_400 - n * 60))
                    calls.append(Call(interactionID: month == 3 ? interaction.id : nil, createdAt: at, model: "m\(month)",
                                      userID: "partitions", usage: TokenUsage(input: 100, output: 10)))
                }
            }
            // An id of another version lands in the default partition.
            calls.append(Call(id: UUID(), createdAt: now.addingTimeInterval(-200 * 86_400), model: "v4", usage: TokenUsage(input: 7, output: 1)))
            try await ledger.record(RecordBatch(interactions: [interaction], calls: calls))
            let indexesBefore = try await Self.indexes(ledger)
            #expect(try await ledger.callsArePartitioned() == false)

            // A trigger would be lost with the old table: the conversion refuses, changing nothing.
            try await Self.execute(ledger, """
                CREATE FUNCTION ailedger_test_noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER ailedger_test_audit BEFORE INSERT ON ailedger_calls FOR EACH ROW EXECUTE FUNCTION ailedger_test_noop()
                """)
            let refused = await #expect(throws: LedgerError.self) { try await ledger.partitionCalls(monthsAhead: 2, now: now) }
            #expect(refused?.kind == .invalidConfiguration && refused?.message.contains("ailedger_test_audit") == true, "\(String(describing: refused))")
            #expect(try await ledger.callsArePartitioned() == false)
            try await Self.execute(ledger, "DROP TRIGGER ailedger_test_audit ON ailedger_calls")

            let created = try await ledger.partitionCalls(monthsAhead: 2, now: now)
            #expect(try await ledger.callsArePartitioned())
            let partitions = try await ledger.callPartitions()
            #expect(created.count == partitions.count && partitions.last?.isDefault == true, "\(created) \(partitions)")
            #expect(partitions.count >= 8 && partitions.count <= 9, "five months back, this one, two ahead and the default: \(partitions.map(\.name))")
            #expect(partitions.map(\.rows).reduce(0, +) == calls.count)
            #expect(partitions.last?.rows == 1, "the version-4 id is in the default partition")
            #expect(try await Self.indexes(ledger) == indexesBefore, "the same indexes, keys and constraints")
            #expect(try await ledger.partitionCalls(monthsAhead: 2, now: now).isEmpty, "a second run adds nothing")
            let checked = try await ledger.database.withConnection(.read) { connection in
                try await connection.query("SELECT bool_and(convalidated) FROM pg_constraint WHERE conrelid = 'ailedger_calls'::regclass", [])
            }
            #expect(checked.first?.values.first == .bool(true), "the foreign keys are checked")
            // A call of a month without its partition waits in the default one, and moves
            // into its month's partition when that is made.
            let early = Call(createdAt: now.addingTimeInterval(100 * 86_400), model: "early", usage: TokenUsage(input: 1, output: 0))
            try await ledger.record(early)
            #expect(try await ledger.callPartitions().last?.rows == 2)
            #expect(try await ledger.addCallPartitions(monthsAhead: 4, now: now).count == 2)
            #expect(try await ledger.callPartitions().last?.rows == 1, "the early call left the default partition")
            #expect(try await ledger.call(id: early.id) != nil)
            calls.append(early)

            // A replay through the buffered writer, COPY and all, stores nothing twice.
            let buffered = try await Ledger.open(url: url, drivers: Self.drivers, writer: WriterOptions(outboxURL: nil))
            try await buffered.record(RecordBatch(interactions: [interaction], calls: calls + [Call(model: "new", usage: TokenUsage(input: 1, output: 1))]))
            _ = await buffered.flush()
            _ = await buffered.close()
            let total = try await ledger.usage()
            #expect(total.calls == Int64(calls.count + 1))
            let expectedInput: Int64 = 100 * 20 + 7 + 1 + 1
            #expect(total.tokens.input == expectedInput)

            // A month a run detached and did not finish is finished by the next run.
            try await Self.execute(ledger, """
                CREATE TABLE ailedger_calls_archiving_2001_01 (LIKE ailedger_calls);
                INSERT INTO ailedger_calls_archiving_2001_01 SELECT * FROM ailedger_calls WHERE model = 'v4'
                """)

            // Retention: the months that ended before the cutoff go as tables, the rest row by row.
            let policy = RetentionPolicy(days: 45, kind: .calls, archive: .table)
            let cutoff = policy.cutoff(at: now)
            let leftover: Call = try #require(calls.last { $0.model == "v4" })
            let old: [Call] = calls.filter { $0.createdAt < cutoff } + [leftover]  // and the leftover month's copy of it
            let dry = try await ledger.applyRetention(policy, dryRun: true, now: now)
            let report = try await ledger.applyRetention(policy, now: now)
            #expect(dry.droppedPartitions == report.droppedPartitions, "a dry run names the months a run drops")
            #expect(!report.droppedPartitions.isEmpty, "\(report)")
            // The leftover copy of the version-4 call was archived once, with the original.
            #expect(report.deleted["ailedger_calls"] == old.count && report.archived["ailedger_calls"] == old.count - 1, "\(report)")
            let left = try await ledger.callPartitions()
            let ended = left.filter { partition in partition.end.map { $0 <= cutoff } ?? false }
            #expect(ended.isEmpty, "every month ended by the cutoff went: \(ended.map(\.name))")
            #expect(left.map(\.rows).reduce(0, +) == calls.count + 1 - (old.count - 1))
            #expect(left.last?.rows == 0, "the old version-4 call was deleted from the default partition")
            #expect(try await ledger.usage().calls == Int64(calls.count + 1), "the rollups still count what retention removed")
            for call in old { #expect(try await ledger.call(id: call.id) == nil) }
            let leftovers = try await ledger.database.withConnection(.read) { connection in
                try await connection.query("SELECT to_regclass('ailedger_calls_archiving_2001_01')::text", [])
            }
            #expect(leftovers.first?.values.first == .null, "the leftover month was dropped")

            // The foreign keys still cascade from a removed interaction to its calls.
            try await ledger.database.withConnection(.write) { connection in
                _ = try await connection.execute("DELETE FROM ailedger_interactions WHERE id = $1", [.uuid(interaction.id)])
            }
            for call in calls where call.interactionID == interaction.id { #expect(try await ledger.call(id: call.id) == nil) }
        }

        /// `ailedger partitions` and `ailedger retention` as a user runs them.
        @Test func theCommandsPartitionListAndDrop() async throws {
            let url = try await Self.database("ailedger_partitions_cli", fresh: true)
            let ledger = try await Ledger.open(url: url, drivers: Self.drivers)
            try await ledger.migrate()
            let now = Date()
            try await ledger.record(RecordBatch(calls: [0, 40, 80, 160].map { days in
                Call(createdAt: now.addingTimeInterval(Double(-days * 86_400)), model: "m", usage: TokenUsage(input: 1, output: 1))
            }))
            _ = await ledger.close()
            let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ailedger").path

            let unpartitioned = try await TestServer.run([binary, "partitions", "list", "--url", url])
            #expect(unpartitioned.status == 1 && unpartitioned.output.contains("not partitioned"), "\(unpartitioned.output)")
            let enable = try await TestServer.run([binary, "partitions", "enable", "--url", url, "--months-ahead", "1"])
            #expect(enable.status == 0 && enable.output.contains("calls partitioned by month"), "\(enable.output)")
            #expect(!enable.output.contains(try #require(DatabaseURL(url).password)))
            let list = try await TestServer.run([binary, "partitions", "list", "--url", url, "--format", "json"])
            #expect(list.status == 0, "\(list.output)")
            let answer = try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [String: Any]
            let partitions = try #require(answer?["partitions"] as? [[String: Any]])
            #expect(partitions.compactMap { $0["calls"] as? Int }.reduce(0, +) == 4, "\(list.output)")
            #expect(partitions.last?["start"] is NSNull && partitions.last?["name"] as? String == "ailedger_calls_default")
            let table = try await TestServer.run([binary, "partitions", "list", "--url", url])
            #expect(table.output.contains("default") && table.output.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(table.output)")
            let dry = try await TestServer.run([binary, "retention", "apply", "--url", url, "--older-than", "100d", "--dry-run"])
            #expect(dry.status == 0 && dry.output.contains("whole months would be dropped: ailedger_calls_"), "\(dry.output)")
            let retention = try await TestServer.run([binary, "retention", "apply", "--url", url, "--older-than", "100d", "--kind", "calls"])
            #expect(retention.status == 0 && retention.output.contains("whole months dropped: ailedger_calls_"), "\(retention.output)")
            let after = try await TestServer.run([binary, "partitions", "list", "--url", url, "--format", "jsonl"])
            #expect(after.status == 0 && after.output.split(separator: "\n").count < partitions.count, "a month went: \(after.output)")

            // The server adds the months ahead as it starts.
            let server = try ChildProcess.spawn([binary, "serve", "--url", url, "--port", "0", "--insecure-no-auth", "--no-outbox"])
            var made = false
            for _ in 0..<1_200 where !made {
                try await Task.sleep(for: .milliseconds(50))
                made = server.output.contains("made monthly partitions")
            }
            server.send(SIGTERM)
            #expect(await server.exitStatus() == 0, "\(server.output)")
            #expect(made, "three months ahead where enable made one: \(server.output)")
            let served = try await TestServer.run([binary, "partitions", "list", "--url", url, "--format", "jsonl"])
            #expect(served.output.split(separator: "\n").count == after.output.split(separator: "\n").count + 2, "\(served.output)")
        }

        /// Runs `sql` (statements separated by semicolons) on a writer connection.
        static func execute(_ ledger: Ledger, _ sql: String) async throws {
            try await ledger.database.withConnection(.write) { connection in try await connection.executeScript(sql) }
        }

        /// The index, key and constraint definitions of the calls table.
        static func indexes(_ ledger: Ledger) async throws -> [String] {
            let rows = try await ledger.database.withConnection(.read) { connection in
                try await connection.query("""
                    SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE tablename = 'ailedger_calls'
                    UNION ALL SELECT conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint
                    WHERE conrelid = 'ailedger_calls'::regclass ORDER BY 1
                    """, [])
            }
            return rows.map { "\($0.values.first ?? .null)".replacingOccurrences(of: " ON ONLY ", with: " ON ") }
        }
    }
}
