import Foundation
import Logging

/// Applies, reverts and checks migrations against a history table.
///
/// Every run validates checksums first. Each migration runs in its own transaction where
/// the database has transactional DDL; elsewhere a history row marked unsuccessful is
/// written before the DDL, so a crash leaves a dirty state that `status` shows and
/// `force` clears. A database-wide lock keeps two runners from applying one migration twice.
public struct MigrationRunner: Sendable {
    /// The migrations this runner knows, by ascending version.
    public let migrations: [Migration]
    /// The history table's name.
    public let table: String
    /// Where the runner logs each migration it applies, reverts or forces.
    public var logger: Logger
    private let client: any DatabaseClient

    /// Creates a runner over `migrations`, recording history in `table`.
    public init(client: any DatabaseClient, migrations: [Migration], table: String = "ailedger_migrations",
                logger: Logger = Logger(label: "ailedger.migrations")) {
        self.client = client
        self.logger = logger
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.table = table
    }

    /// The history table's rows, by version.
    public func history() async throws -> [AppliedMigration] {
        try await client.withConnection(.write) { connection in
            try await connection.withMigrationLock {
                try await ensureHistoryTable(connection)
                return try await loadHistory(connection)
            }
        }
    }

    /// Every known or recorded migration and where it stands.
    public func status() async throws -> [MigrationState] {
        states(history: try await history())
    }

    /// Throws the first problem: a dirty migration, a changed checksum, or a recorded
    /// version with no file. Returns the states when all is well.
    @discardableResult
    public func validate() async throws -> [MigrationState] {
        let states = try await status()
        try check(states)
        return states
    }

    /// Applies pending migrations up to `target` (all when nil); returns those applied.
    ///
    /// Where DDL is transactional, a migration that meets another runner's lock past the
    /// database's own wait (SQLite's busy timeout) is tried again after a pause, up to five
    /// times: its transaction rolled back whole, and it is skipped if the other runner
    /// applied it meanwhile.
    @discardableResult
    public func up(to target: Int64? = nil) async throws -> [Migration] {
        try await client.withConnection(.write) { connection in
            try await connection.withMigrationLock {
                try await ensureHistoryTable(connection)
                let history = try await loadHistory(connection)
                try check(states(history: history))
                let appliedVersions = Set(history.map(\.version))
                var applied: [Migration] = []
                for migration in migrations where !appliedVersions.contains(migration.version) {
                    if let target, migration.version > target { break }
                    var attempt = 0
                    while true {
                        attempt += 1
                        do {
                            if try await apply(migration, on: connection) { applied.append(migration) }
                            break
                        } catch let error as LedgerError
                                    where error.kind == .serializationFailure && connection.dialect.supportsTransactionalDDL
                                    && !connection.isBroken && attempt < 5 {
                            try await Task.sleep(for: .milliseconds(100 * attempt))
                        }
                    }
                }
                return applied
            }
        }
    }

    /// Reverts the `steps` most recent migrations; returns those reverted.
    @discardableResult
    public func down(steps: Int = 1) async throws -> [Migration] {
        try await client.withConnection(.write) { connection in
            try await connection.withMigrationLock {
                try await ensureHistoryTable(connection)
                let history = try await loadHistory(connection)
                try check(states(history: history))
                var reverted: [Migration] = []
                for row in history.reversed().prefix(max(0, steps)) {
                    guard let migration = migrations.first(where: { $0.version == row.version }),
                          let down = migration.down else {
                        throw LedgerError(.migrationInvalid, "migration \(row.version) has no .down.sql; it cannot be reverted")
                    }
                    if !connection.dialect.supportsTransactionalDDL {
                        // As for `up`: a crash or failure part-way leaves a visible dirty state.
                        try await connection.execute(
                            "UPDATE \(q(table)) SET success = \(p(1)) WHERE version = \(p(2))",
                            [.bool(false), .integer(row.version)])
                    }
                    try await run(migration, label: "reverting", on: connection) {
                        try await connection.executeScript(down)
                        try await connection.execute(
                            "DELETE FROM \(q(table)) WHERE version = \(p(1))", [.integer(row.version)])
                    }
                    reverted.append(migration)
                    logger.info("migration reverted", metadata: ["table": "\(table)", "version": "\(migration.version)",
                                                                 "description": "\(migration.description)"])
                }
                return reverted
            }
        }
    }

    /// Declares the schema to be exactly at `version`: removes dirty rows and rows above
    /// it, and records `version` as applied. Use after fixing a failed migration by hand.
    public func force(_ version: Int64) async throws {
        try await client.withConnection(.write) { connection in
            try await connection.withMigrationLock {
                try await ensureHistoryTable(connection)
                try await connection.execute(
                    "DELETE FROM \(q(table)) WHERE success = \(p(1)) OR version > \(p(2))",
                    [.bool(false), .integer(version)])
                let history = try await loadHistory(connection)
                if let migration = migrations.first(where: { $0.version == version }),
                   !history.contains(where: { $0.version == version }) {
                    try await insertHistory(migration, success: true, milliseconds: 0, on: connection)
                }
                logger.notice("migration history forced", metadata: ["table": "\(table)", "version": "\(version)"])
            }
        }
    }

    // MARK: - Internals

    private func apply(_ migration: Migration, on connection: any DatabaseConnection) async throws -> Bool {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Int64 { Int64((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) }
        if connection.dialect.supportsTransactionalDDL {
            return try await connection.transaction {
                // Another runner may have applied it while this one waited for the lock.
                let done = try await connection.query(
                    "SELECT 1 FROM \(q(table)) WHERE version = \(p(1))", [.integer(migration.version)])
                guard done.isEmpty else { return false }
                do {
                    try await connection.executeScript(migration.up)
                } catch let error as LedgerError {
                    throw LedgerError(error.kind,
                        "migration \(migration.version) (\(migration.description)) failed and was rolled back: \(error.message)",
                        databaseCode: error.databaseCode)
                }
                try await insertHistory(migration, success: true, milliseconds: elapsed(), on: connection)
                logApplied(migration, milliseconds: elapsed())
                return true
            }
        }
        try await insertHistory(migration, success: false, milliseconds: 0, on: connection)
        do {
            try await connection.executeScript(migration.up)
        } catch let error as LedgerError {
            throw LedgerError(.migrationDirty,
                "migration \(migration.version) (\(migration.description)) failed part-way: \(error.message). "
                + "Repair the schema by hand, then run `ailedger migrate force <version>`.",
                databaseCode: error.databaseCode)
        }
        try await connection.execute(
            "UPDATE \(q(table)) SET success = \(p(1)), execution_ms = \(p(2)) WHERE version = \(p(3))",
            [.bool(true), .integer(elapsed()), .integer(migration.version)])
        logApplied(migration, milliseconds: elapsed())
        return true
    }

    private func logApplied(_ migration: Migration, milliseconds: Int64) {
        logger.info("migration applied", metadata: ["table": "\(table)", "version": "\(migration.version)",
                                                    "description": "\(migration.description)", "ms": "\(milliseconds)"])
    }

    private func run(_ migration: Migration, label: String, on connection: any DatabaseConnection,
                     _ body: () async throws -> Void) async throws {
        do {
            if connection.dialect.supportsTransactionalDDL {
                try await connection.transaction { try await body() }
            } else {
                try await body()
            }
        } catch let error as LedgerError {
            throw LedgerError(error.kind, "\(label) migration \(migration.version) failed: \(error.message)",
                              databaseCode: error.databaseCode)
        }
    }

    private func insertHistory(_ migration: Migration, success: Bool, milliseconds: Int64,
                               on connection: any DatabaseConnection) async throws {
        try await connection.execute(
            "INSERT INTO \(q(table)) (version, description, checksum, applied_at, execution_ms, success) "
                + "VALUES (\(p(1)), \(p(2)), \(p(3)), \(p(4)), \(p(5)), \(p(6)))",
            [.integer(migration.version), .text(migration.description), .text(migration.checksum),
             .timestamp(Timestamp.microseconds(Date())), .integer(milliseconds), .bool(success)])
    }

    private func ensureHistoryTable(_ connection: any DatabaseConnection) async throws {
        let dialect = connection.dialect
        try await connection.execute(
            "CREATE TABLE IF NOT EXISTS \(q(table)) (version BIGINT NOT NULL PRIMARY KEY, "
                + "description VARCHAR(255) NOT NULL, checksum VARCHAR(64) NOT NULL, "
                + "applied_at \(dialect.timestampType) NOT NULL, execution_ms BIGINT NOT NULL, "
                + "success BOOLEAN NOT NULL)", [])
    }

    private func loadHistory(_ connection: any DatabaseConnection) async throws -> [AppliedMigration] {
        let rows = try await connection.query(
            "SELECT version, description, checksum, applied_at, execution_ms, success FROM \(q(table)) ORDER BY version", [])
        return try rows.map { row in
            var reader = RowReader(row)
            return AppliedMigration(version: try reader.int64(), description: try reader.string(),
                                    checksum: try reader.string(), appliedAt: try reader.date(),
                                    executionMs: try reader.int64(), success: try reader.bool())
        }
    }

    private func states(history: [AppliedMigration]) -> [MigrationState] {
        let byVersion = Dictionary(history.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        var states = migrations.map { migration -> MigrationState in
            guard let row = byVersion[migration.version] else {
                return MigrationState(version: migration.version, description: migration.description, phase: .pending)
            }
            let phase: MigrationState.Phase =
                !row.success ? .dirty : (row.checksum == migration.checksum ? .applied : .checksumMismatch)
            return MigrationState(version: migration.version, description: migration.description, phase: phase, applied: row)
        }
        let known = Set(migrations.map(\.version))
        for row in history where !known.contains(row.version) {
            states.append(MigrationState(version: row.version, description: row.description,
                                         phase: row.success ? .unknown : .dirty, applied: row))
        }
        return states.sorted { $0.version < $1.version }
    }

    private func check(_ states: [MigrationState]) throws {
        for state in states {
            switch state.phase {
            case .dirty:
                throw LedgerError(.migrationDirty,
                    "migration \(state.version) (\(state.description)) started but did not finish; repair the schema, then run `ailedger migrate force <version>`")
            case .checksumMismatch:
                throw LedgerError(.migrationChecksumMismatch,
                    "migration \(state.version) (\(state.description)) was edited after it was applied; shipped migrations must never change: restore the file and add a new migration instead")
            case .unknown:
                throw LedgerError(.migrationInvalid,
                    "the database has migration \(state.version) (\(state.description)) applied, but no such file is known; is this an older build of the application?")
            case .applied, .pending:
                continue
            }
        }
    }

    private func q(_ identifier: String) -> String { client.dialect.quoteIdentifier(identifier) }
    private func p(_ index: Int) -> String { client.dialect.placeholder(index) }
}
