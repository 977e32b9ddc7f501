import AILedger
import AILedgerConformance
import AILedgerCrypto
@testable import AILedgerSQLite
import Foundation
import Testing

/// What only the SQLite driver does: URL forms, WAL, persistence, open failures.
@Suite struct SQLiteDriverTests {
    let drivers: [any DatabaseDriver] = [SQLiteDriver()]

    @Test func absoluteRelativeAndMemoryURLsOpen() async throws {
        let directory = TemporaryDirectory.make()
        let absolute = try await Ledger.open(url: "sqlite://" + directory.appendingPathComponent("a.sqlite").path, drivers: drivers)
        try await absolute.migrate()
        await absolute.close()
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("a.sqlite").path))

        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(directory.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let relative = try await Ledger.open(url: "sqlite://sub/b.sqlite", drivers: drivers)
        try await relative.migrate()
        await relative.close()
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("sub/b.sqlite").path))

        let memory = try await Ledger.open(url: "sqlite::memory:", drivers: drivers)
        try await memory.migrate()
        try await memory.record(Call(model: "m"))
        #expect(try await memory.usage().calls == 1)
        await memory.close()
    }

    @Test func servesOverHTTP() async throws {
        let url = "sqlite://" + TemporaryDirectory.make().appendingPathComponent("served.sqlite").path
        try await ServeScenario.expectServes(url: url, drivers: drivers)
    }

    @Test func redactsOnEveryPath() async throws {
        let url = "sqlite://" + TemporaryDirectory.make().appendingPathComponent("privacy.sqlite").path
        try await PrivacyScenario.expectRedactsOnEveryPath(url: url, drivers: drivers)
    }

    @Test func retentionSurvivesKill() async throws {
        let url = "sqlite://" + TemporaryDirectory.make().appendingPathComponent("retention.sqlite").path
        try await RetentionScenario.expectSurvivesKill(url: url, drivers: drivers)
    }

    @Test func encryptsFieldsAtRest() async throws {
        let url = "sqlite://" + TemporaryDirectory.make().appendingPathComponent("encryption.sqlite").path
        try await EncryptionScenario.expectEncrypts(url: url, drivers: drivers) { try AESGCMKeyring(keys: $0, current: $1) }
    }

    @Test func receivesOpenTelemetrySpans() async throws {
        let url = "sqlite://" + TemporaryDirectory.make().appendingPathComponent("otlp.sqlite").path
        try await OTLPScenario.expectReceives(url: url, drivers: drivers)
    }

    @Test func servesTheDashboard() async throws {
        let url = "sqlite://" + TemporaryDirectory.make().appendingPathComponent("dashboard.sqlite").path
        try await DashboardScenario.expectServes(url: url, drivers: drivers)
    }

    @Test func childrenSpilledAheadOfTheirParentsWaitForThem() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("ordering.sqlite").path
        // The database is "away" while another connection holds its write lock; the writer
        // gives up waiting for it after 20 ms and retries, then spills.
        let locker = try await Ledger.open(url: "sqlite://" + path, drivers: drivers)
        try await locker.migrate()
        try await OutboxOrdering.expectParentsBeforeChildren(
            url: "sqlite://" + path + "?busy_timeout=20", drivers: drivers,
            down: { try await locker.database.withConnection(.write) { _ = try await $0.execute("BEGIN EXCLUSIVE", []) } },
            up: { try await locker.database.withConnection(.write) { _ = try await $0.execute("COMMIT", []) } })
        await locker.close()
    }

    @Test func recordsSurviveReopeningTheFile() async throws {
        let url = "sqlite://" + TemporaryDirectory.make().appendingPathComponent("p.sqlite").path
        let call = Call(model: "persisted", usage: TokenUsage(input: 3, output: 4))
        let first = try await Ledger.open(url: url, drivers: drivers)
        try await first.migrate()
        try await first.record(call)
        await first.close()
        let second = try await Ledger.open(url: url, drivers: drivers)
        #expect(try await second.call(id: call.id) == call.priced(with: second.priceBook))
        await second.close()
    }

    @Test func fileDatabasesUseWALAndForeignKeys() async throws {
        let ledger = try await Ledger.open(url: "sqlite://" + TemporaryDirectory.make().appendingPathComponent("w.sqlite").path,
                                           drivers: drivers)
        let (mode, foreignKeys) = try await ledger.database.withConnection(.write) { connection in
            (try await connection.query("PRAGMA journal_mode", []).first?[0],
             try await connection.query("PRAGMA foreign_keys", []).first?[0])
        }
        #expect(mode == .text("wal"))
        #expect(foreignKeys == .integer(1))
        await ledger.close()
    }

    @Test func theWritingConnectionsPageCacheIsSetByTheURL() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("cache.sqlite").path
        // A transaction's changed pages spill to the WAL only past twice the cache (in pages
        // of 4 KiB, and one more: a multiple of 256 would turn spilling off).
        for (query, kib, spill) in [("", -65_536, 32_769), ("?cache_mib=8", -8_192, 4_097)] {
            let ledger = try await Ledger.open(url: "sqlite://" + path + query, drivers: drivers)
            let writing = try await ledger.database.withConnection(.write) { connection in
                (try await connection.query("PRAGMA cache_size", []).first?[0], try await connection.query("PRAGMA cache_spill", []).first?[0])
            }
            let reading = try await ledger.database.withConnection(.read) { try await $0.query("PRAGMA cache_size", []).first?[0] }
            #expect(writing.0 == .integer(Int64(kib)), "cache_size for \(query)")
            #expect(writing.1 == .integer(Int64(spill)), "cache_spill for \(query)")
            #expect(reading == .integer(-2_000), "readers keep SQLite's default")
            await ledger.close()
        }
    }

    @Test func rowsPackedAheadBindEveryKindOfValueAndSkipStoredIDs() async throws {
        let ledger = try await Ledger.open(url: "sqlite://" + TemporaryDirectory.make().appendingPathComponent("p.sqlite").path,
                                           drivers: drivers)
        let first = UUID(), second = UUID(), at = Int64(1_767_225_600_123_456)
        let rows: [[SQLValue]] = [
            [.uuid(first), .integer(-7), .double(2.5), .bool(true), .text("héllo, \"wörld\""), .text(""), .json(#"{"a":[1,null]}"#),
             .timestamp(at), .blob([0, 1, 255]), .blob([]), .null],
            [.uuid(second), .integer(Int64.max), .double(-0.125), .bool(false), .text("x"), .text("🙂"), .json("[]"),
             .timestamp(0), .blob([42]), .blob([]), .text("set")],
        ]
        let columns = ["id", "n", "d", "b", "s", "e", "j", "at", "raw", "empty", "maybe"]
        let (firstPass, replay, stored) = try await ledger.database.withConnection(.write) { connection in
            _ = try await connection.execute("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, d REAL, b INTEGER, s TEXT, e TEXT, "
                                             + "j TEXT, at TEXT, raw BLOB, empty BLOB, maybe TEXT)", [])
            let firstPass = try await connection.insertNewRows(into: "t", columns: columns, rows: [],
                                                               packed: PackedRows([rows[0]]))
            // A replay: the first id is stored, only the second row goes in.
            let replay = try await connection.insertNewRows(into: "t", columns: columns, rows: [], packed: PackedRows(rows))
            // A row of another length is an error, not a crash.
            _ = try await connection.execute("CREATE TABLE u (id TEXT, n INTEGER)", [])
            let uneven = await #expect(throws: LedgerError.self) {
                try await connection.executeEach("INSERT INTO u (id, n) VALUES (?1, ?2)", [[.text("a"), .integer(1)], [.text("b")]])
            }
            #expect(uneven?.message.contains("expects 2 parameters but 1") == true)
            return (firstPass, replay, try await connection.query("SELECT * FROM t ORDER BY n", []))
        }
        #expect(firstPass == nil, "every row inserted")
        #expect(replay == [false, true])
        #expect(stored.map(\.values) == [
            [.text(first.ledgerString), .integer(-7), .double(2.5), .integer(1), .text("héllo, \"wörld\""), .text(""),
             .text(#"{"a":[1,null]}"#), .text(Timestamp.iso8601(microseconds: at)), .blob([0, 1, 255]), .blob([]), .null],
            [.text(second.ledgerString), .integer(Int64.max), .double(-0.125), .integer(0), .text("x"), .text("🙂"), .text("[]"),
             .text(Timestamp.iso8601(microseconds: 0)), .blob([42]), .blob([]), .text("set")],
        ])
        await ledger.close()
    }

    @Test func aBatchPackedIntoTheBytesOfTheOneBeforeStoresItsOwnValues() async throws {
        let ledger = try await Ledger.open(url: "sqlite://" + TemporaryDirectory.make().appendingPathComponent("k.sqlite").path,
                                           drivers: drivers)
        try await ledger.database.withConnection(.write) { _ = try await $0.execute("CREATE TABLE k (id TEXT PRIMARY KEY, s TEXT, raw BLOB)", []) }
        // Two batches of over a megabyte each, the second a little smaller: it is packed into
        // the bytes the first was bound from, once the first has been written and let go.
        let batch = { (letter: String, count: Int) in
            (0..<count).map { [SQLValue.text("\(letter)\($0)"), .text(String(repeating: letter, count: 4_000 + $0)), .blob([UInt8($0 % 256)])] }
        }
        let first = batch("a", 300), second = batch("b", 290)
        var reused = false
        // Other tests of this process bind large statements too, and may take the bytes first.
        for _ in 0..<5 where !reused {
            var firstBase: UnsafeRawPointer?
            do {
                let packed = PackedRows(first)
                firstBase = packed.bytes.base
                try await ledger.database.withConnection(.write) { connection in
                    _ = try await connection.insertNewRows(into: "k", columns: ["id", "s", "raw"], rows: [], packed: packed)
                }
            }
            let base = firstBase.map { UInt(bitPattern: $0) }
            let (sameBytes, stored) = try await ledger.database.withConnection(.write) { connection in
                _ = try await connection.execute("DELETE FROM k", [])
                let packed = PackedRows(second)
                _ = try await connection.insertNewRows(into: "k", columns: ["id", "s", "raw"], rows: [], packed: packed)
                return (UInt(bitPattern: packed.bytes.base) == base, try await connection.query("SELECT id, s, raw FROM k", []))
            }
            reused = sameBytes
            #expect(Set(stored.map(\.values)) == Set(second), "the second batch's values, none of the first's")
            try await ledger.database.withConnection(.write) { _ = try await $0.execute("DELETE FROM k", []) }
        }
        #expect(reused, "the second batch was packed into the first one's bytes")
        await ledger.close()
    }

    #if os(Linux)
    @Test func checkpointsYieldTheirCoreAndTheWritersOwnThreadsDoNot() async throws {
        let ledger = try await Ledger.open(url: "sqlite://" + TemporaryDirectory.make().appendingPathComponent("n.sqlite").path,
                                           drivers: drivers, writer: WriterOptions())
        try await ledger.migrate()
        try await ledger.record(Call(model: "m"))
        await ledger.flush()
        // Each thread's nice value, by name (other tests' ledgers have threads of these names too).
        var niceness: [String: Set<Int32>] = [:]
        for task in try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") {
            guard let tid = Int32(task),
                  let name = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8) else { continue }
            errno = 0
            let nice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(tid))
            guard errno == 0 else { continue }  // the thread has ended
            niceness[name.trimmingCharacters(in: .whitespacesAndNewlines), default: []].insert(nice)
        }
        #expect(niceness["sqlite checkpt"] == [10])
        #expect(niceness["sqlite writer"] == [0])
        #expect(niceness["ailedger prep"] == [0])
        #expect(niceness["ailedger writer"] == [0])
        await ledger.close()
    }
    #endif

    @Test func theWALBoundIsSetByTheURL() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("wal.sqlite").path
        for (query, bytes) in [("", 256 << 20), ("?wal_mib=4", 4 << 20)] {
            let ledger = try await Ledger.open(url: "sqlite://" + path + query, drivers: drivers)
            let limit = try await ledger.database.withConnection(.write) { try await $0.query("PRAGMA journal_size_limit", []).first?[0] }
            #expect(limit == .integer(Int64(bytes)), "journal_size_limit for \(query)")
            await ledger.close()
        }
    }

    @Test func pastTheWALBoundTheWriterCopiesItsCommitIntoTheFileItself() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("bound.sqlite").path
        let ledger = try await Ledger.open(url: "sqlite://" + path + "?wal_mib=1", drivers: drivers)
        try await ledger.migrate()
        let size = { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0 }
        let before = size()
        // About 8 MB of calls in one transaction: past 1 MiB of WAL, the commit returns only
        // once the writer has checkpointed it, so the file has grown without any waiting.
        let text = String(repeating: "checkpoint ", count: 250)
        try await ledger.record(RecordBatch(calls: (0..<3_000).map { Call(model: "m", inputText: text + String($0)) }))
        #expect(size() - before >= 6_000_000, "the database file grew by \(size() - before) bytes")
        await ledger.close()
    }

    @Test func committedPagesReachTheDatabaseFileWhileTheLedgerIsOpen() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("c.sqlite").path
        let ledger = try await Ledger.open(url: "sqlite://" + path, drivers: drivers)
        try await ledger.migrate()
        let size = { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0 }
        let before = size()
        // About 8 MB of calls: over 1,000 pages in the WAL, which a checkpoint copies into the file.
        let text = String(repeating: "checkpoint ", count: 250)
        try await ledger.record(RecordBatch(calls: (0..<3_000).map { Call(model: "m", inputText: text + String($0)) }))
        var grown = size() - before
        for _ in 0..<1_200 where grown < 6_000_000 {
            try await Task.sleep(for: .milliseconds(50))
            grown = size() - before
        }
        #expect(grown >= 6_000_000, "the database file grew by \(grown) bytes")
        #expect(try await ledger.usage().calls == 3_000)
        await ledger.close()
    }

    @Test func readersCannotWrite() async throws {
        let ledger = try await Ledger.open(url: "sqlite://" + TemporaryDirectory.make().appendingPathComponent("r.sqlite").path,
                                           drivers: drivers)
        try await ledger.migrate()
        await #expect(throws: LedgerError.self) {
            try await ledger.database.withConnection(.read) { connection in
                _ = try await connection.execute("DELETE FROM ailedger_calls", [])
            }
        }
        await ledger.close()
    }

    @Test func unopenableFileIsAConnectionError() async throws {
        let error = await #expect(throws: LedgerError.self) {
            _ = try await Ledger.open(url: "sqlite:///nonexistent-directory-\(UUID())/x.sqlite", drivers: drivers)
        }
        #expect(error?.kind == .connectionFailed)
    }

    @Test(arguments: ["sqlite://", "sqlite:", "sqlite::memory", "sqlite:///x.db?pool_size=0",
                      "sqlite:///x.db?busy_timeout=soon", "sqlite:///x.db?synchronous=off", "sqlite:///x.db?journal=wal",
                      "sqlite:///x.db?cache_mib=0", "sqlite:///x.db?cache_mib=lots",
                      "sqlite:///x.db?wal_mib=0", "sqlite:///x.db?wal_mib=65537"])
    func badSQLiteURLs(_ url: String) async throws {
        let error = await #expect(throws: LedgerError.self) { _ = try await Ledger.open(url: url, drivers: drivers) }
        #expect(error?.kind == .invalidURL)
    }

    @Test func registryOpensByScheme() async throws {
        DatabaseDrivers.register(SQLiteDriver())
        let ledger = try await Ledger.open(url: "sqlite::memory:")
        #expect(ledger.driver.name == "sqlite")
        await ledger.close()
        let error = await #expect(throws: LedgerError.self) { _ = try await Ledger.open(url: "postgres://u@h/db") }
        #expect(error?.kind == .unsupportedScheme)
        #expect(error?.message.contains("AILedgerPostgres") == true)
    }
}
