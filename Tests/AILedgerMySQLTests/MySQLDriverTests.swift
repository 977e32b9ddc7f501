import AILedger
import AILedgerConformance
import AILedgerCrypto
import AILedgerMySQL
import AILedgerSQLite
import Foundation
import Testing

extension MySQLTests {
    /// What only the MySQL driver does: access denied, recovery after the server is killed,
    /// sockets, native types, utf8mb4 and strict mode.
    @Suite struct DriverTests {
        let drivers: [any DatabaseDriver] = [MySQLDriver()]
        var url: String { TestServer.mysql.url! }

        @Test func wrongPasswordIsAccessDeniedWithoutThePassword() async throws {
            let wrong = "Wr0ng-\(UUID().uuidString)"
            let password = try #require(try DatabaseURL(url).password)
            let error = await #expect(throws: LedgerError.self) {
                _ = try await Ledger.open(url: url.replacingOccurrences(of: ":\(password)@", with: ":\(wrong)@"), drivers: drivers)
            }
            #expect(error?.kind == .authenticationFailed)
            #expect(error?.isRetryable == false)
            #expect(error.map { !$0.description.contains(wrong) } == true)
        }

        @Test func badOptionsAreRejected() async throws {
            for suffix in ["?ssl_mode=sometimes", "?pool_size=0", "?colour=blue", "?connect_timeout=0"] {
                let error = await #expect(throws: LedgerError.self) { _ = try await Ledger.open(url: url + suffix, drivers: drivers) }
                #expect(error?.kind == .invalidURL)
            }
        }

        @Test func tlsIsRefusedWhenTheServerHasNone() async throws {
            let error = await #expect(throws: LedgerError.self) {
                _ = try await Ledger.open(url: url + "?ssl_mode=required", drivers: drivers)
            }
            #expect(error?.kind == .connectionFailed)
        }

        @Test func sessionIsStrictUTCAndUTF8MB4() async throws {
            let ledger = try await Ledger.open(url: url.replacingOccurrences(of: "mysql://", with: "mariadb://"), drivers: drivers)
            let rows = try await ledger.database.withConnection(.read) { connection in
                try await connection.query("SELECT @@session.time_zone, @@session.character_set_client, @@session.sql_mode", [])
            }
            let values = try #require(rows.first?.values)
            #expect(values[0] == .text("+00:00"))
            #expect(values[1] == .text("utf8mb4"))
            guard case .text(let mode) = values[2] else {
                Issue.record("sql_mode is not text: \(values[2])")
                return
            }
            #expect(mode.contains("STRICT_ALL_TABLES"))
            await ledger.close()
        }

        @Test func unixSocketURLsConnect() async throws {
            let socketURL = try #require(TestServer.mysql.socketURL)
            let ledger = try await Ledger.open(url: socketURL, drivers: drivers)
            let rows = try await ledger.database.withConnection(.read) { connection in
                try await connection.query("SELECT 1", [])
            }
            #expect(rows.first?.values == [.integer(1)])
            await ledger.close()
        }

        @Test func everyParameterTypeRoundTrips() async throws {
            let ledger = try await Ledger.open(url: url, drivers: drivers)
            let id = UUID()
            let bytes: [UInt8] = [0, 1, 127, 128, 255, 0x5C, 0x27]
            let long = String(repeating: "ü🚀", count: 2_000)
            let rows = try await ledger.database.withConnection(.write) { connection in
                try await connection.execute("""
                    CREATE TEMPORARY TABLE type_check (u CHAR(36) CHARACTER SET ascii, t DATETIME(6), j JSON, b BOOLEAN,
                    i BIGINT, d DOUBLE, s LONGTEXT, x LONGBLOB, n DECIMAL(40, 9)) DEFAULT CHARSET = utf8mb4
                    """, [])
                try await connection.execute("INSERT INTO type_check VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [.uuid(id), .timestamp(-30_610_224_000_000_000), .json(#"{"emoji":"🚀"}"#), .bool(true), .integer(Int64.min),
                     .double(-1.5e-300), .text(long), .blob(bytes), .text("123456789012345678901234567890.123456789")])
                try await connection.execute("INSERT INTO type_check VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [.null, .timestamp(253_402_300_799_999_999), .null, .bool(false), .integer(Int64.max), .double(0),
                     .text(""), .blob([]), .null])
                return try await connection.query("SELECT u, t, j, b, i, d, s, x, n FROM type_check ORDER BY b DESC", [])
            }
            await ledger.close()
            try #require(rows.count == 2)
            #expect(rows[0].values[0] == .text(id.ledgerString))
            #expect(rows[0].values[1] == .timestamp(-30_610_224_000_000_000))
            #expect(rows[0].values[2] == .text(#"{"emoji":"🚀"}"#))
            #expect(rows[0].values[3...8] == [.integer(1), .integer(Int64.min), .double(-1.5e-300), .text(long), .blob(bytes),
                                              .text("123456789012345678901234567890.123456789")])
            #expect(rows[1].values == [.null, .timestamp(253_402_300_799_999_999), .null, .integer(0), .integer(Int64.max),
                                       .double(0), .text(""), .blob([]), .null])
        }

        @Test func batchesLargerThanMaxAllowedPacketAreSplit() async throws {
            let ledger = try await Ledger.open(url: url, drivers: drivers)
            try await ledger.migrate()
            let packet = try await ledger.database.withConnection(.read) { connection in
                try await connection.query("SELECT @@max_allowed_packet", []).first?.values.first
            }
            let prompt = String(repeating: "ß🚀abc", count: 100_000)
            let calls = (0..<40).map { Call(model: "packet-test", inputText: prompt + "\($0)") }
            let total = calls.reduce(0) { $0 + ($1.inputText?.utf8.count ?? 0) }
            if case .integer(let limit)? = packet { #expect(total > Int(limit), "the batch must exceed one packet") }
            try await ledger.record(RecordBatch(calls: calls))
            let stored = try await ledger.calls(LedgerFilter(model: "packet-test"), limit: 100)
            #expect(stored.count == 40)
            #expect(Set(stored.compactMap(\.inputText)) == Set(calls.compactMap(\.inputText)))
            await ledger.close()
        }

        @Test func aKilledServerIsRecoveredFrom() async throws {
            try await TestServer.mysql.expectRecoveryAfterRestart(url: url, drivers: drivers)
        }

        @Test func nothingIsLostWhileTheServerIsDown() async throws {
            try await TestServer.mysql.expectNothingLostAcrossAnOutage(url: url, drivers: drivers + [SQLiteDriver()])
        }

        @Test func theServerLosesNothingWhileTheDatabaseIsDown() async throws {
        let server = TestServer.mysql
        try await ServeScenario.expectNothingLostWhileTheDatabaseIsDown(
            url: url, drivers: drivers, stop: { try await server.stop() }, start: { try await server.start() })
    }

    @Test func servesOverHTTP() async throws {
        try await ServeScenario.expectServes(url: url, drivers: drivers)
    }

    @Test func redactsOnEveryPath() async throws {
        try await PrivacyScenario.expectRedactsOnEveryPath(url: url, drivers: drivers)
    }

    @Test func retentionSurvivesKill() async throws {
        try await RetentionScenario.expectSurvivesKill(url: url, drivers: drivers)
    }

    @Test func encryptsFieldsAtRest() async throws {
        try await EncryptionScenario.expectEncrypts(url: url, drivers: drivers) { try AESGCMKeyring(keys: $0, current: $1) }
    }

    @Test func receivesOpenTelemetrySpans() async throws {
        try await OTLPScenario.expectReceives(url: url, drivers: drivers)
    }

    @Test func servesTheDashboard() async throws {
        try await DashboardScenario.expectServes(url: url, drivers: drivers)
    }

    @Test func closeSavesWhatItCanWhileACallIsStuck() async throws {
        try await StuckDatabase.expectCloseSavesWhatItCan(url: url, drivers: drivers + [SQLiteDriver()],
                                                          lock: ["LOCK TABLES ailedger_calls WRITE"], unlock: ["UNLOCK TABLES"],
                                                          waiting: "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE STATE LIKE 'Waiting for table%'")
    }

    @Test func childrenSpilledAheadOfTheirParentsWaitForThem() async throws {
        let server = TestServer.mysql
        try await OutboxOrdering.expectParentsBeforeChildren(url: url, drivers: drivers + [SQLiteDriver()],
                                                             down: { try await server.stop() }, up: { try await server.start() })
    }

    @Test func theOutboxSurvivesAKilledProcess() async throws {
            try await TestServer.mysql.expectOutboxSurvivesAKill(url: url, drivers: drivers + [SQLiteDriver()])
        }

        /// Hosts are tried in order, the next on failure; a list of dead ones fails naming
        /// the URL without its password.
        @Test func severalHostsAreTriedInOrder() async throws {
            let parsed = try DatabaseURL(url)
            let password = try #require(parsed.password)
            let listed = url.replacingOccurrences(of: "@", with: "@127.0.0.1:1,")
            let replica = url.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let ledger = try await Ledger.open(url: listed + "?read_url=" + replica, drivers: drivers)
            #expect(!"\(ledger.url)".contains(password))
            try await ledger.migrate()
            let user = "multi-host-\(UUID().uuidString)"
            try await ledger.record(RecordBatch(calls: (0..<2).map { _ in Call(model: "multi-host", userID: user) }))
            #expect(try await ledger.usage(LedgerFilter(userID: user)).calls == 2, "the read URL answers the query")
            await ledger.close()
            let nowhere = url.replacingOccurrences(of: "@\(parsed.host!):\(parsed.port!)", with: "@127.0.0.1:1,127.0.0.1:2")
            let error = await #expect(throws: LedgerError.self) { _ = try await Ledger.open(url: nowhere, drivers: drivers) }
            #expect(error?.kind == .connectionFailed)
            #expect(error?.message.contains("127.0.0.1:2") == true, "the last host tried is named")
            #expect(error.map { !$0.description.contains(password) } == true)
        }
    }
}

