import AILedger

/// A trigger on `ailedger_calls` that makes the database itself fail inserts the way it does
/// in production: calls whose model is `blocked` fail with a database-wide error (a full
/// disk, a read-only server, a timeout), calls whose model is `refused` with a record-level
/// one (a check violation). Each backend raises its own native error code.
struct FaultTrigger {
    /// A database-wide error this backend can be made to raise, by its native code.
    let outages: [String]
    private let driver: String

    init(driver: String) {
        self.driver = driver
        switch driver {
        // Disk full, read-only transaction after failover, statement timeout, authentication.
        case "postgres": outages = ["53100", "25006", "57014", "28P01"]
        // Table full, disk full, read-only server, access denied, server shutdown.
        case "mysql": outages = ["1114", "1021", "1290", "1045", "1053"]
        // SQLite's triggers can only abort; a real SQLITE_FULL comes from max_page_count.
        default: outages = ["abort", "full"]
        }
    }

    /// Whether `refused` calls are refused by the trigger; SQLite's abort is no constraint,
    /// so there a call refers to an interaction that does not exist instead.
    var refusesByTrigger: Bool { driver != "sqlite" }

    /// Statements that install the trigger raising `outage` for `blocked` calls.
    func install(_ outage: String) -> [String] {
        switch driver {
        case "postgres":
            return ["""
                CREATE OR REPLACE FUNCTION conformance_fault() RETURNS trigger AS $$ BEGIN
                  IF NEW.model = 'refused' THEN RAISE EXCEPTION 'refused (simulated)' USING ERRCODE = '23514'; END IF;
                  IF NEW.model = 'blocked' THEN RAISE EXCEPTION 'unavailable (simulated)' USING ERRCODE = '\(outage)'; END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql
                """,
                "CREATE TRIGGER conformance_fault BEFORE INSERT ON ailedger_calls FOR EACH ROW EXECUTE FUNCTION conformance_fault()"]
        case "mysql":
            return ["""
                CREATE TRIGGER conformance_fault BEFORE INSERT ON ailedger_calls FOR EACH ROW BEGIN
                  IF NEW.model = 'refused' THEN
                    SIGNAL SQLSTATE '23000' SET MYSQL_ERRNO = 4025, MESSAGE_TEXT = 'refused (simulated)';
                  END IF;
                  IF NEW.model = 'blocked' THEN
                    SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = \(outage), MESSAGE_TEXT = 'unavailable (simulated)';
                  END IF;
                END
                """]
        default:
            guard outage == "abort" else { return [] }
            return ["""
                CREATE TRIGGER conformance_fault BEFORE INSERT ON ailedger_calls WHEN NEW.model = 'blocked' \
                BEGIN SELECT RAISE(ABORT, 'unavailable (simulated)'); END
                """]
        }
    }

    /// The statement that removes the trigger.
    var remove: String {
        driver == "postgres" ? "DROP TRIGGER IF EXISTS conformance_fault ON ailedger_calls"
            : "DROP TRIGGER IF EXISTS conformance_fault"
    }

    /// Makes the next inserts of `ledger`'s writer connection fail with `outage`.
    func begin(_ outage: String, on ledger: Ledger) async throws {
        try await ledger.database.withConnection(.write) { connection in
            if outage == "full" {
                // The file may not grow: the next page it needs fails with SQLITE_FULL.
                let rows = try await connection.query("PRAGMA page_count", [])
                guard case .integer(let pages)? = rows.first?.values.first else {
                    throw ConformanceFailure(message: "PRAGMA page_count returned no number", location: #fileID)
                }
                _ = try await connection.query("PRAGMA max_page_count = \(pages)", [])
            }
            for statement in install(outage) { _ = try await connection.execute(statement, []) }
        }
    }

    /// Ends what `begin` started.
    func end(_ outage: String, on ledger: Ledger) async throws {
        try await ledger.database.withConnection(.write) { connection in
            if outage == "full" { _ = try await connection.query("PRAGMA max_page_count = 1073741823", []) }
            _ = try await connection.execute(remove, [])
        }
    }
}
