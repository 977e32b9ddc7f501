import AILedger
import AILedgerConformance
import AILedgerCrypto
import AILedgerPostgres
import AILedgerSQLite
import Foundation
import Testing

/// What only the PostgreSQL driver does: TLS, authentication, recovery after a restart,
/// and real column types seen through psql.
extension PostgresTests {
@Suite struct DriverTests {
    let drivers: [any DatabaseDriver] = [PostgresDriver()]
    var url: String { TestServer.postgres.url! }
    var parsed: DatabaseURL { get throws { try DatabaseURL(url) } }

    @Test func tlsIsRefusedWhenTheServerHasNone() async throws {
        let error = await #expect(throws: LedgerError.self) {
            _ = try await Ledger.open(url: url + "?sslmode=require", drivers: drivers)
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.message.contains("SSL") == true)
    }

    @Test func wrongPasswordIsAnAuthenticationErrorWithoutThePassword() async throws {
        let wrong = "Wr0ng-\(UUID().uuidString)"
        let bad = url.replacingOccurrences(of: ":\(try parsed.password!)@", with: ":\(wrong)@")
        let error = await #expect(throws: LedgerError.self) { _ = try await Ledger.open(url: bad, drivers: drivers) }
        #expect(error?.kind == .authenticationFailed)
        #expect(error?.isRetryable == false)
        #expect(error.map { !$0.description.contains(wrong) } == true)
        #expect(error?.description.contains("***") == true)
    }

    @Test func unknownQueryParametersAndBadSSLModesAreRejected() async throws {
        for suffix in ["?sslmode=sometimes", "?pool_size=0", "?colour=blue", "?connect_timeout=-1"] {
            let error = await #expect(throws: LedgerError.self) { _ = try await Ledger.open(url: url + suffix, drivers: drivers) }
            #expect(error?.kind == .invalidURL)
        }
    }

    @Test func urlOptionsReachTheSession() async throws {
        let ledger = try await Ledger.open(url: url + "?application_name=ledger-test&pool_size=2&connect_timeout=5",
                                           drivers: drivers)
        let rows = try await ledger.database.withConnection(.read) { connection in
            try await connection.query("SELECT current_setting('application_name'), current_setting('TimeZone')", [])
        }
        #expect(rows.first?.values == [.text("ledger-test"), .text("UTC")])
        await ledger.close()
    }

    @Test func rollupTablesLeaveRoomForHOTUpdates() async throws {
        let ledger = try await Ledger.open(url: url, drivers: drivers)
        try await ledger.migrate()
        let rows = try await ledger.database.withConnection(.read) { connection in
            try await connection.query("""
                SELECT relname::text, array_to_string(reloptions, ',') FROM pg_class
                WHERE relname LIKE 'ailedger\\_%\\_rollups' AND relkind = 'r' AND relnamespace = current_schema()::regnamespace
                ORDER BY relname
                """, [])
        }
        #expect(rows.map(\.values) == ["call", "party", "prompt", "user", "variable"].map {
            [.text("ailedger_\($0)_rollups"), .text("fillfactor=50")]
        })
        await ledger.close()
    }

    @Test func unixSocketHostsConnect() async throws {
        let socketURL = try #require(TestServer.postgres.socketURL)
        #expect(try DatabaseURL(socketURL).host?.hasPrefix("/") == true)
        let ledger = try await Ledger.open(url: socketURL, drivers: drivers)
        let rows = try await ledger.database.withConnection(.read) { connection in
            try await connection.query("SELECT inet_server_addr() IS NULL", [])
        }
        #expect(rows.first?.values == [.bool(true)], "a unix-socket session has no server address")
        await ledger.close()
    }

    @Test func everyParameterTypeRoundTrips() async throws {
        let ledger = try await Ledger.open(url: url, drivers: drivers)
        let id = UUID()
        let bytes: [UInt8] = [0, 1, 127, 128, 255, 0x5C, 0x27]
        let rows = try await ledger.database.withConnection(.write) { connection in
            try await connection.execute("""
                CREATE TEMPORARY TABLE type_check (u uuid, t timestamptz, j jsonb, b boolean, i bigint, d double precision,
                s text, x bytea, n numeric, a inet)
                """, [])
            try await connection.execute(
                "INSERT INTO type_check VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                [.uuid(id), .timestamp(Timestamp.minMicroseconds), .json(#"{"emoji":"🚀","n":[1,2.5]}"#), .bool(true),
                 .integer(Int64.min), .double(-1.5e-300), .text("it's \"quoted\" \\ 你好"), .blob(bytes),
                 .text("123456789012345678901234567890.123456789"), .text("2001:db8::1")])
            try await connection.execute(
                "INSERT INTO type_check VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                [.null, .timestamp(253_402_300_799_999_999), .null, .bool(false), .integer(Int64.max), .double(0),
                 .text(""), .blob([]), .null, .null])
            return try await connection.query("SELECT u, t, j, b, i, d, s, x, n, a FROM type_check ORDER BY b DESC", [])
        }
        await ledger.close()
        try #require(rows.count == 2)
        #expect(rows[0].values[0] == .uuid(id))
        #expect(rows[0].values[1] == .timestamp(Timestamp.minMicroseconds))
        if case .json(let text) = rows[0].values[2] {
            #expect(try JSONValue(jsonText: text) == ["emoji": "🚀", "n": [1, 2.5]])
        } else {
            Issue.record("jsonb did not decode as JSON: \(rows[0].values[2])")
        }
        #expect(rows[0].values[3...8] == [.bool(true), .integer(Int64.min), .double(-1.5e-300),
                                          .text("it's \"quoted\" \\ 你好"), .blob(bytes),
                                          .text("123456789012345678901234567890.123456789")])
        #expect(rows[0].values[9] == .text("2001:db8::1"))
        #expect(rows[1].values == [.null, .timestamp(253_402_300_799_999_999), .null, .bool(false), .integer(Int64.max),
                                   .double(0), .text(""), .blob([]), .null, .null])
    }

    @Test func copiedBatchesKeepEveryTypeInBinaryAndAsText() async throws {
        let ledger = try await Ledger.open(url: url, drivers: drivers)
        let columns = ["u", "t", "j", "k", "b", "i8", "i4", "i2", "d", "s", "v", "x", "n", "a"]
        let start = Timestamp.minMicroseconds
        // 20 rows, enough for COPY; the first batch has only types with a binary form.
        let rows = { (withText: Bool) -> [[SQLValue]] in
            (0..<20).map { (n: Int) -> [SQLValue] in
                let i = Int64(n)
                let row: [SQLValue] = [
                    .uuid(UUID()), .timestamp(n == 0 ? start : 1_741_064_767_123_456 + i), .json(#"{"n":\#(n),"s":"tab\t🚀"}"#),
                    .json("[\(n)]"), .bool(n % 2 == 0), .integer(n == 0 ? Int64.min : i), .integer(n == 1 ? Int64(Int32.max) : -i),
                    .integer(n == 2 ? Int64(Int16.min) : i), .double(n == 3 ? -1.5e-300 : Double(n) / 3),
                    .text(n == 4 ? "" : "back\\slash\ttab\nline \(n) 你好"), .text("v\(n)"), .blob(n == 5 ? [] : [0, 0x5C, UInt8(n), 255]),
                ]
                return row + (withText && n % 3 == 0 ? [.text("12345678901234567890.5"), .text("192.0.2.\(n)")] : [.null, .null])
            }
        }
        let (binary, text) = (rows(false), rows(true))
        let read = try await ledger.database.withConnection(.write) { connection in
            try await connection.execute("""
                CREATE TEMPORARY TABLE copy_check (u uuid PRIMARY KEY, t timestamptz, j jsonb, k json, b boolean, i8 bigint,
                i4 integer, i2 smallint, d double precision, s text, v varchar(20), x bytea, n numeric, a inet)
                """, [])
            let added = try await connection.insert(into: "copy_check", columns: columns, rows: binary, ignoringDuplicates: true)
                + connection.insert(into: "copy_check", columns: columns, rows: text, ignoringDuplicates: true)
            #expect(added == 40)
            return try await connection.query("SELECT \(columns.joined(separator: ", ")) FROM copy_check", [])
        }
        await ledger.close()
        let stored = Dictionary(uniqueKeysWithValues: read.map { ($0.values[0], $0.values) })
        for row in binary + text {
            let got = try #require(stored[row[0]])
            #expect(got[1] == row[1] && got[4...11] == row[4...11] && got[12...13] == row[12...13], "\(got) != \(row)")
            for column in [2, 3] {
                guard case .json(let expected) = row[column], case .json(let actual) = got[column] else {
                    Issue.record("column \(columns[column]) came back as \(got[column])")
                    continue
                }
                #expect(try JSONValue(jsonText: actual) == JSONValue(jsonText: expected))
            }
        }
    }

    @Test func postgresqlSchemeIsAnAlias() async throws {
        let ledger = try await Ledger.open(url: url.replacingOccurrences(of: "postgres://", with: "postgresql://"), drivers: drivers)
        #expect(ledger.driver.name == "postgres")
        await ledger.close()
    }

    @Test func aRestartedServerIsRecoveredFrom() async throws {
        try await TestServer.postgres.expectRecoveryAfterRestart(url: url, drivers: drivers)
    }

    @Test func nothingIsLostWhileTheServerIsDown() async throws {
        try await TestServer.postgres.expectNothingLostAcrossAnOutage(url: url, drivers: drivers + [SQLiteDriver()])
    }

    @Test func theServerLosesNothingWhileTheDatabaseIsDown() async throws {
        let server = TestServer.postgres
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
                                                          lock: ["BEGIN", "LOCK TABLE ailedger_calls IN ACCESS EXCLUSIVE MODE"], unlock: ["COMMIT"],
                                                          waiting: "SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND relation = 'ailedger_calls'::regclass")
    }

    @Test func childrenSpilledAheadOfTheirParentsWaitForThem() async throws {
        let server = TestServer.postgres
        try await OutboxOrdering.expectParentsBeforeChildren(url: url, drivers: drivers + [SQLiteDriver()],
                                                             down: { try await server.stop() }, up: { try await server.start() })
    }

    @Test func theOutboxSurvivesAKilledProcess() async throws {
        try await TestServer.postgres.expectOutboxSurvivesAKill(url: url, drivers: drivers + [SQLiteDriver()])
    }

    @Test func psqlSeesRealTypes() async throws {
        let ledger = try await Ledger.open(url: url, drivers: drivers)
        try await ledger.migrate()
        let interaction = Interaction(createdAt: Timestamp.date(microseconds: 1_741_064_767_123_456), ipAddress: "192.0.2.7",
                                      metadata: ["audience_id": 3])
        let call = Call(interactionID: interaction.id, model: "psql-check", usage: TokenUsage(input: 9, output: 1),
                        costUSD: Decimal(string: "0.000000123")!)
        try await ledger.record(interaction, calls: [call])
        await ledger.close()

        let query = """
            SELECT pg_typeof(i.id), pg_typeof(i.created_at), pg_typeof(i.metadata), pg_typeof(i.ip_address), \
            host(i.ip_address), i.metadata->>'audience_id', to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), \
            pg_typeof(c.cost_nano_usd), c.cost_nano_usd, c.input_tokens \
            FROM ailedger_interactions i JOIN ailedger_calls c ON c.interaction_id = i.id WHERE i.id = '\(interaction.id.ledgerString)'
            """
        let result = try await TestServer.run(["psql", url, "-At", "-F", "|", "-c", query])
        #expect(result.status == 0, "psql failed: \(result.output)")
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            == "uuid|timestamp with time zone|jsonb|inet|192.0.2.7|3|2025-03-04 05:06:07.123456|bigint|123|9")
    }

    /// libpq takes a list of hosts and tries them in order: a dead one first costs nothing
    /// but the refused connection, and a list of dead ones fails without the password.
    @Test func severalHostsAreTriedInOrder() async throws {
        let password = try #require(try parsed.password)
        let listed = url.replacingOccurrences(of: "@", with: "@127.0.0.1:1,") + "?target_session_attrs=read-write"
        let ledger = try await Ledger.open(url: listed, drivers: drivers)
        try await ledger.migrate()
        let call = Call(model: "multi-host", userID: "multi-host-\(UUID().uuidString)")
        try await ledger.record(call)
        #expect(try await ledger.call(id: call.id)?.model == "multi-host")
        await ledger.close()
        let dead = try DatabaseURL(url)
        let nowhere = url.replacingOccurrences(of: "@\(dead.host!):\(dead.port!)", with: "@127.0.0.1:1,127.0.0.1:2")
        let error = await #expect(throws: LedgerError.self) { _ = try await Ledger.open(url: nowhere, drivers: drivers) }
        #expect(error?.kind == .connectionFailed)
        #expect(error.map { !$0.description.contains(password) } == true)
    }

    /// A read URL gets the queries; writes, key checks and rebuilds stay on the primary. The
    /// replica here is the same server in a read-only session, as a standby would refuse
    /// writes (25006) if one went there.
    @Test func aReadURLAnswersQueriesWhileWritesStayOnThePrimary() async throws {
        let replica = url + "?application_name=replica&options=-c%20default_transaction_read_only%3Don"
        let encoded = replica.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let ledger = try await Ledger.open(url: url + "?application_name=primary&read_url=" + encoded, drivers: drivers)
        #expect(!"\(ledger.url)".contains(try #require(try parsed.password)))
        try await ledger.migrate()
        let user = "replica-\(UUID().uuidString)"
        try await ledger.record(RecordBatch(calls: (0..<3).map { _ in Call(model: "replicated", userID: user, usage: TokenUsage(input: 10)) }))
        #expect(try await ledger.usage(LedgerFilter(userID: user)).calls == 3, "the replica answers the query")
        let (_, secret) = try await ledger.createAPIKey(name: "replica-\(UUID().uuidString)", role: .read)
        #expect(try await ledger.apiKey(secret: secret) != nil, "a key is checked on the primary")
        try await ledger.rebuildRollups()
        for (access, name, readOnly) in [(DatabaseAccess.replica, "replica", "on"), (.read, "primary", "off"), (.write, "primary", "off")] {
            let rows = try await ledger.database.withConnection(access) { connection in
                try await connection.query("SELECT current_setting('application_name'), current_setting('transaction_read_only')", [])
            }
            #expect(rows.first?.values == [.text(name), .text(readOnly)], "\(access)")
        }
        await ledger.close()
    }
}
}

