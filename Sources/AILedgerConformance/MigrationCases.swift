import AILedger

/// The migration runner against the real database: up/down/up, checksums, dirty state,
/// failures and concurrent runners.
enum MigrationCases {
    /// A scratch migration set with its own history table, so cases never touch the ledger's.
    static func scratch(_ context: ConformanceContext, table: String, _ files: [(String, String)]) throws -> MigrationRunner {
        MigrationRunner(client: context.ledger.database,
                        migrations: try Migration.parse(files.map { MigrationFile(name: $0.0, sql: $0.1) }),
                        table: table)
    }

    static func dropScratch(_ context: ConformanceContext, _ tables: [String]) async throws {
        for table in tables { try await context.execute("DROP TABLE IF EXISTS \(table)") }
    }

    static let all: [ConformanceSuite.Case] = [
        .init(name: "bundled migrations go up, down and up again") { context in
            let ledger = context.ledger
            let count = ledger.migrations.migrations.count
            try Expect.that(count >= 1, "the driver bundles migrations")
            try Expect.that(try await ledger.migrations.status().allSatisfy { $0.phase == .applied }, "all applied after migrate()")
            try Expect.equal(try await ledger.migrate().count, 0, "a second migrate() applies nothing")

            try Expect.equal(try await ledger.migrations.down(steps: count).count, count, "every migration reverted")
            try Expect.that(try await ledger.migrations.status().allSatisfy { $0.phase == .pending }, "all pending after down")
            try await Expect.error(.undefinedTable) { try await ledger.record(Call(model: "gone")) }

            try Expect.equal(try await ledger.migrate().count, count, "every migration applied again")
            try await ledger.record(Call(model: "back"))
            try Expect.equal(try await ledger.calls().map(\.model), ["back"], "recording works after up/down/up")
            try await ledger.migrations.validate()
        },
        .init(name: "an edited migration is detected by its checksum") { context in
            try await dropScratch(context, ["conformance_checksum", "conformance_checksum_t"])
            let original = try scratch(context, table: "conformance_checksum",
                                       [("1_create.up.sql", "CREATE TABLE conformance_checksum_t (id INTEGER)"),
                                        ("1_create.down.sql", "DROP TABLE conformance_checksum_t")])
            try await original.up()
            let edited = try scratch(context, table: "conformance_checksum",
                                     [("1_create.up.sql", "CREATE TABLE conformance_checksum_t (id INTEGER, extra INTEGER)")])
            try await Expect.error(.migrationChecksumMismatch) { try await edited.validate() }
            try await Expect.error(.migrationChecksumMismatch) { try await edited.up() }
            try Expect.equal(try await edited.status().map(\.phase), [.checksumMismatch], "status shows the mismatch")
            try await original.down()
            try await dropScratch(context, ["conformance_checksum"])
        },
        .init(name: "a dirty migration blocks until forced") { context in
            try await dropScratch(context, ["conformance_dirty", "conformance_dirty_t"])
            let runner = try scratch(context, table: "conformance_dirty",
                                     [("1_first.up.sql", "CREATE TABLE conformance_dirty_t (id INTEGER)"),
                                      ("2_second.up.sql", "ALTER TABLE conformance_dirty_t ADD COLUMN note VARCHAR(20)")])
            try await runner.up(to: 1)
            try Expect.equal(try await runner.status().map(\.phase), [.applied, .pending], "up --to 1")
            // What a crash in the middle of migration 2 leaves on a database without transactional DDL.
            let p = { (i: Int) in context.placeholder(i) }
            try await context.execute(
                "INSERT INTO conformance_dirty (version, description, checksum, applied_at, execution_ms, success) VALUES (\(p(1)), \(p(2)), \(p(3)), \(p(4)), \(p(5)), \(p(6)))",
                [.integer(2), .text("second"), .text(runner.migrations[1].checksum), .timestamp(0), .integer(0), .bool(false)])
            try Expect.equal(try await runner.status().map(\.phase), [.applied, .dirty], "status shows dirty")
            try await Expect.error(.migrationDirty) { try await runner.up() }
            try await Expect.error(.migrationDirty) { try await runner.validate() }
            try await runner.force(1)
            try Expect.equal(try await runner.status().map(\.phase), [.applied, .pending], "force 1 clears the dirty row")
            try await runner.up()
            try Expect.equal(try await runner.status().map(\.phase), [.applied, .applied], "then up applies it")
            try await dropScratch(context, ["conformance_dirty", "conformance_dirty_t"])
        },
        .init(name: "a failing migration is rolled back or left dirty, never half-recorded") { context in
            try await dropScratch(context, ["conformance_failing", "conformance_failing_t"])
            let runner = try scratch(context, table: "conformance_failing",
                                     [("1_ok.up.sql", "CREATE TABLE conformance_failing_t (id INTEGER)"),
                                      ("2_broken.up.sql", "INSERT INTO conformance_failing_t (id) VALUES (1);\nTHIS IS NOT SQL")])
            do {
                try await runner.up()
                throw ConformanceFailure(message: "a broken migration was applied", location: #fileID)
            } catch let error as LedgerError {
                try Expect.that(error.message.contains("migration 2"), "the error names the migration: \(error)")
            }
            let phases = try await runner.status().map(\.phase)
            if context.ledger.database.dialect.supportsTransactionalDDL {
                try Expect.equal(phases, [.applied, .pending], "migration 2 rolled back")
                try Expect.equal(try await context.count("conformance_failing_t"), 0, "its insert was rolled back too")
            } else {
                try Expect.equal(phases, [.applied, .dirty], "migration 2 left visibly dirty")
            }
            try await dropScratch(context, ["conformance_failing", "conformance_failing_t"])
        },
        .init(name: "concurrent runners apply each migration once") { context in
            try await dropScratch(context, ["conformance_race", "conformance_race_t"])
            var files: [(String, String)] = [("1_create.up.sql", "CREATE TABLE conformance_race_t (id INTEGER)")]
            for version in 2...6 {
                files.append(("\(version)_row.up.sql", "INSERT INTO conformance_race_t (id) VALUES (\(version))"))
            }
            let runner = try scratch(context, table: "conformance_race", files)
            // A second pool on the same database races the first, unless the database lives
            // in this connection only (SQLite's :memory:), where two tasks share one pool.
            let other = context.suite.reopenSharesDatabase ? try await context.reopen() : nil
            let otherRunner = MigrationRunner(client: other?.database ?? context.ledger.database,
                                              migrations: runner.migrations, table: "conformance_race")
            async let first = runner.up()
            async let second = otherRunner.up()
            let applied = try await first.count + second.count
            await other?.close()
            try Expect.equal(applied, 6, "six migrations applied between the two runners")
            try Expect.equal(try await context.count("conformance_race_t"), 5, "each data migration ran once")
            try Expect.equal(try await runner.history().count, 6, "six history rows")
            try await dropScratch(context, ["conformance_race", "conformance_race_t"])
        },
        .init(name: "badly named migration files are rejected") { _ in
            for name in ["create.up.sql", "0_zero.up.sql", "1_x.sql", "x_name.up.sql", "1_.up.sql"] {
                try await Expect.error(.migrationInvalid) { _ = try Migration.parse([MigrationFile(name: name, sql: "")]) }
            }
            try await Expect.error(.migrationInvalid) {
                _ = try Migration.parse([MigrationFile(name: "1_a.up.sql", sql: ""), MigrationFile(name: "01_b.up.sql", sql: "")])
            }
            try await Expect.error(.migrationInvalid) { _ = try Migration.parse([MigrationFile(name: "3_a.down.sql", sql: "")]) }
        },
    ]
}
