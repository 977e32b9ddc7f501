import Foundation

/// Monthly partitions of `ailedger_calls` on PostgreSQL, so that retention drops a month
/// of calls at once instead of deleting its rows.
///
/// The calls table is partitioned by range of `id`. Ids are UUIDv7, whose first 48 bits are
/// the Unix milliseconds they were made at (a call's id is made at its `created_at` unless
/// the client sends one), so a month of ids is a month of calls. The id stays the primary
/// key on its own: a replayed or retried call is still refused by it, and the foreign keys
/// and `ON CONFLICT` clauses stay as they are. Ids of other versions, and ids of months
/// without a partition, go to the default partition, whose rows retention deletes one by one.
extension Ledger {
    /// Partitions `ailedger_calls` by month (PostgreSQL only) and makes sure every month
    /// from this one through `monthsAhead` months ahead has a partition; returns the
    /// partitions it created.
    ///
    /// The first call converts the table in one transaction: a new partitioned table gets a
    /// partition for each month since the oldest id (at most ten years back), the rows are
    /// copied in, and the old table's indexes, foreign keys and grants are made again on it.
    /// Writes wait while it copies. Later calls only add the months that are missing, so run
    /// it again (`ailedger serve` does, daily) before the partitions run out. A month whose
    /// ids already fell into the default partition gets none and stays there.
    @discardableResult
    public func partitionCalls(monthsAhead: Int = 3, now: Date = Date(),
                               progress: @Sendable (String) -> Void = { _ in }) async throws -> [String] {
        try requirePartitionDialect()
        guard (0...120).contains(monthsAhead) else { throw LedgerError(.invalidValue, "monthsAhead: must be from 0 to 120") }
        if try await callsArePartitioned() { return try await addCallPartitions(monthsAhead: monthsAhead, now: now) }
        let table = Call.table
        let q = dialect.quoteIdentifier
        let staging = table + "_partitioned"
        let created: [String] = try await database.withConnection(.write) { connection in
            try await connection.transaction {
                _ = try await connection.execute("LOCK TABLE \(q(table)) IN ACCESS EXCLUSIVE MODE", [])
                let regclass = SQLValue.text(q(table))
                if let referrer = try await connection.query(
                    "SELECT conrelid::regclass::text FROM pg_catalog.pg_constraint WHERE confrelid = to_regclass($1) AND contype = 'f'",
                    [regclass]).first?.values.first, case .text(let name) = referrer {
                    throw LedgerError(.invalidConfiguration, "\(table) cannot be partitioned while \(name) has a foreign key to it")
                }
                if let row = try await connection.query("""
                    SELECT (SELECT string_agg(tgname, ', ') FROM pg_catalog.pg_trigger WHERE tgrelid = c.oid AND NOT tgisinternal),
                    CASE WHEN c.relrowsecurity THEN 'row-level security' END,
                    (SELECT string_agg(p.pubname, ', ') FROM pg_catalog.pg_publication_rel r JOIN pg_catalog.pg_publication p
                     ON p.oid = r.prpubid WHERE r.prrelid = c.oid)
                    FROM pg_catalog.pg_class c WHERE c.oid = to_regclass($1)
                    """, [regclass]).first {
                    var reader = RowReader(row)
                    let (triggers, security, publications) = (try reader.optionalString(), try reader.optionalString(), try reader.optionalString())
                    if let blocker = triggers.map({ "its triggers \($0)" }) ?? security ?? publications.map({ "publications \($0)" }) {
                        throw LedgerError(.invalidConfiguration, "\(table) cannot be partitioned while it has \(blocker): "
                                          + "partitioning makes the table anew, and would lose them")
                    }
                }
                let indexes = try await connection.query("""
                    SELECT pg_get_indexdef(i.indexrelid) FROM pg_catalog.pg_index i WHERE i.indrelid = to_regclass($1)
                    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid)
                    ORDER BY i.indexrelid::regclass::text
                    """, [regclass]).map { row in var reader = RowReader(row); return try reader.string() }
                let foreignKeys = try await connection.query("""
                    SELECT conname::text, pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint
                    WHERE conrelid = to_regclass($1) AND contype = 'f' ORDER BY conname
                    """, [regclass]).map { row in var reader = RowReader(row); return (try reader.string(), try reader.string()) }
                let grants = try await connection.query("""
                    SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END, a.privilege_type::text
                    FROM pg_catalog.pg_class c, aclexplode(c.relacl) a
                    WHERE c.oid = to_regclass($1) AND a.grantee <> c.relowner
                    """, [regclass]).map { row in var reader = RowReader(row); return (try reader.string(), try reader.string()) }
                var ownerReader = RowReader(try await connection.query(
                    "SELECT pg_get_userbyid(relowner)::text FROM pg_catalog.pg_class WHERE oid = to_regclass($1)", [regclass]).first
                    ?? SQLRow([.null]))
                let owner = try ownerReader.optionalString()
                // A month for each month since the oldest UUIDv7 id, at most ten years back.
                var first = Self.month(containing: now)
                if let row = try await connection.query(
                    "SELECT id FROM \(q(table)) WHERE substr(id::text, 15, 1) = '7' ORDER BY id LIMIT 1", []).first {
                    var reader = RowReader(row)
                    let floor = Self.calendar.date(byAdding: .year, value: -10, to: first) ?? first
                    first = max(floor, min(first, Self.month(containing: try reader.uuid().v7Time)))
                }
                let months = Self.months(from: first, through: Self.month(containing: now), ahead: monthsAhead)
                let stored = try await connection.query("SELECT COUNT(*) FROM \(q(table))", []).first.map { row in
                    var reader = RowReader(row); return try reader.optionalInt() ?? 0
                } ?? 0
                progress("copying \(stored.formatted()) calls into \(months.count) monthly partitions and a default one")
                _ = try await connection.execute("""
                    CREATE TABLE \(q(staging)) (LIKE \(q(table)) INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE \
                    INCLUDING COMMENTS, PRIMARY KEY (id)) PARTITION BY RANGE (id)
                    """, [])
                _ = try await connection.execute("CREATE TABLE \(q(Self.defaultPartition)) PARTITION OF \(q(staging)) DEFAULT", [])
                var created = [Self.defaultPartition]
                for month in months {
                    _ = try await connection.execute(Self.createPartition(month, of: staging, dialect: dialect), [])
                    created.append(Self.partitionName(month))
                }
                _ = try await connection.execute("INSERT INTO \(q(staging)) SELECT * FROM \(q(table))", [])
                do {
                    _ = try await connection.execute("DROP TABLE \(q(table))", [])
                } catch let error as LedgerError {
                    throw LedgerError(error.kind, "\(table) cannot be replaced by its partitioned form: \(error.message)"
                                      + " (drop the views on it, partition, then make them again)")
                }
                _ = try await connection.execute("ALTER TABLE \(q(staging)) RENAME TO \(q(table))", [])
                _ = try await connection.execute("ALTER TABLE \(q(table)) RENAME CONSTRAINT \(q(staging + "_pkey")) TO \(q(table + "_pkey"))", [])
                progress("indexing the partitioned calls")
                for index in indexes { _ = try await connection.execute(index, []) }
                // (PostgreSQL 15 cannot add them NOT VALID to a partitioned table and check them later.)
                for (name, definition) in foreignKeys {
                    _ = try await connection.execute("ALTER TABLE \(q(table)) ADD CONSTRAINT \(q(name)) \(definition)", [])
                }
                for (grantee, privilege) in grants {
                    let role = grantee == "PUBLIC" ? "PUBLIC" : q(grantee)
                    _ = try await connection.execute("GRANT \(privilege) ON \(q(table)) TO \(role)", [])
                }
                if let owner {
                    for name in [table] + created { _ = try await connection.execute("ALTER TABLE \(q(name)) OWNER TO \(q(owner))", []) }
                }
                return created
            }
        }
        progress("analyzing the partitioned calls")
        try await database.withConnection(.write) { connection in _ = try await connection.execute("ANALYZE \(q(table))", []) }
        return created
    }

    /// Adds the missing monthly partitions of `ailedger_calls`, from this month through
    /// `monthsAhead` months ahead, when it is partitioned; returns the partitions it created.
    ///
    /// Calls of a month that reached the default partition first (their month had no
    /// partition yet, or a client's own ids fell there) are moved into the new one. Safe to
    /// run from several processes at once; a month whose table stays locked by others for
    /// five seconds is left for the next run (`serializationFailure`).
    @discardableResult
    public func addCallPartitions(monthsAhead: Int = 3, now: Date = Date()) async throws -> [String] {
        guard dialect.name == "postgres", try await callsArePartitioned() else { return [] }
        let existing = Set(try await callPartitionBounds().map(\.name))
        let q = dialect.quoteIdentifier, table = Call.table, fallback = Self.defaultPartition
        var created: [String] = []
        for month in Self.months(from: Self.month(containing: now), through: Self.month(containing: now), ahead: monthsAhead)
        where !existing.contains(Self.partitionName(month)) {
            let (low, high) = Self.bounds(month)
            let name = Self.partitionName(month)
            let range = "FOR VALUES FROM ('\(low.ledgerString)') TO ('\(high.ledgerString)')"
            let made: Bool = try await database.withConnection(.write) { connection in
                try await connection.transaction {
                    _ = try await connection.execute("SET LOCAL lock_timeout = '5s'", [])
                    _ = try await connection.execute("SELECT pg_advisory_xact_lock($1)", [.integer(Self.partitionLockKey)])
                    guard try await connection.query("SELECT to_regclass($1)::text", [.text(q(name))]).first?.values.first == .null
                    else { return false }
                    _ = try await connection.execute("LOCK TABLE \(q(table)) IN ACCESS EXCLUSIVE MODE", [])
                    let strays = try await connection.query("SELECT 1 FROM \(q(fallback)) WHERE id >= $1 AND id < $2 LIMIT 1",
                                                            [.uuid(low), .uuid(high)])
                    if strays.isEmpty {
                        _ = try await connection.execute("CREATE TABLE \(q(name)) PARTITION OF \(q(table)) \(range)", [])
                    } else {
                        _ = try await connection.execute(
                            "CREATE TABLE \(q(name)) (LIKE \(q(table)) INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)", [])
                        _ = try await connection.execute("""
                            WITH moved AS (DELETE FROM \(q(fallback)) WHERE id >= $1 AND id < $2 RETURNING *)
                            INSERT INTO \(q(name)) SELECT * FROM moved
                            """, [.uuid(low), .uuid(high)])
                        _ = try await connection.execute("ALTER TABLE \(q(table)) ATTACH PARTITION \(q(name)) \(range)", [])
                    }
                    _ = try await connection.execute("""
                        DO $$ BEGIN EXECUTE format('ALTER TABLE %I OWNER TO %I', \(Self.literal(name)),
                        (SELECT pg_get_userbyid(relowner) FROM pg_catalog.pg_class WHERE oid = to_regclass(\(Self.literal(q(table))))));
                        END $$
                        """, [])
                    return true
                }
            }
            if made { created.append(name) }
        }
        return created
    }

    /// Whether `ailedger_calls` is partitioned (always false off PostgreSQL).
    public func callsArePartitioned() async throws -> Bool {
        guard dialect.name == "postgres" else { return false }
        var sql = SQLBuilder(dialect, "SELECT relkind::text FROM pg_catalog.pg_class WHERE oid = to_regclass(")
        sql.append(sql.bind(.text(dialect.quoteIdentifier(Call.table))) + ")")
        return try await rows(sql, access: .read).first?.values.first == .text("p")
    }

    /// The partitions of `ailedger_calls`, oldest month first and the default partition
    /// last, with their rows counted; empty when the table is not partitioned.
    public func callPartitions() async throws -> [CallPartition] {
        var partitions: [CallPartition] = []
        for partition in try await callPartitionBounds() {
            let sql = SQLBuilder(dialect, "SELECT COUNT(*) FROM \(dialect.quoteIdentifier(partition.name))")
            var count = try await firstRow(sql, access: .read)
            partitions.append(CallPartition(name: partition.name, start: partition.start, end: partition.end,
                                            rows: try count.optionalInt() ?? 0, bytes: partition.bytes))
        }
        return partitions
    }

    /// Drops the partitions of calls whose month ended by `cutoff` and that hold no call
    /// made since, archiving their rows into `ailedger_calls_archive` first when `archive`;
    /// with `emptyOnly`, drops only partitions already emptied.
    ///
    /// Each month is detached under a short lock on `ailedger_calls` (taken before the
    /// partition's, as every statement takes them; a month that others keep locked for ten
    /// seconds is left to the row deletes) and renamed to say what is to become of it; then
    /// it is counted, archived and dropped, locking nothing else. A run stopped in between
    /// leaves the renamed table, which the next run finishes first.
    func dropCallPartitions(before cutoff: Date, archive: Bool, emptyOnly: Bool, report: inout RetentionReport) async throws {
        guard try await callsArePartitioned() else { return }
        let q = dialect.quoteIdentifier, table = Call.table
        try await finishDetachedPartitions(report: &report)
        for partition in try await callPartitionBounds() {
            guard let end = partition.end, end <= cutoff else { continue }
            let month = String(partition.name.dropFirst(table.count + 1))
            let detached = (archive ? Self.archivingPrefix : Self.expiredPrefix) + month
            let name = q(partition.name)
            do {
                let moved: Bool = try await database.withConnection(.write) { connection in
                    try await connection.transaction {
                        _ = try await connection.execute("SET LOCAL lock_timeout = '10s'", [])
                        _ = try await connection.execute("LOCK TABLE \(q(table)) IN ACCESS EXCLUSIVE MODE", [])
                        let kept = emptyOnly
                            ? try await connection.query("SELECT 1 FROM \(name) LIMIT 1", [])
                            : try await connection.query("SELECT 1 FROM \(name) WHERE created_at >= $1 LIMIT 1",
                                                         [.timestamp(Timestamp.microseconds(cutoff))])
                        guard kept.isEmpty else { return false }
                        _ = try await connection.execute("ALTER TABLE \(q(table)) DETACH PARTITION \(name)", [])
                        _ = try await connection.execute("ALTER TABLE \(name) RENAME TO \(q(detached))", [])
                        return true
                    }
                }
                guard moved else { continue }
            } catch let error as LedgerError where error.kind == .serializationFailure {
                continue
            }
            report.droppedPartitions.append(partition.name)
            try await finishDetached(detached, archive: archive, report: &report)
        }
    }

    /// The months of calls a retention run with `cutoff` would drop whole: ended by the
    /// cutoff, holding no call made since. Empty when the calls are not partitioned.
    func callPartitionsToDrop(before cutoff: Date) async throws -> [String] {
        guard try await callsArePartitioned() else { return [] }
        var names: [String] = []
        for partition in try await callPartitionBounds() {
            guard let end = partition.end, end <= cutoff else { continue }
            var sql = SQLBuilder(dialect, "SELECT 1 FROM \(dialect.quoteIdentifier(partition.name)) WHERE created_at >= ")
            sql.append(sql.bind(.timestamp(Timestamp.microseconds(cutoff))) + " LIMIT 1")
            if try await rows(sql, access: .read).isEmpty { names.append(partition.name) }
        }
        return names
    }

    /// Archives (when its name says so) and drops each month a run detached and did not
    /// finish.
    private func finishDetachedPartitions(report: inout RetentionReport) async throws {
        var sql = SQLBuilder(dialect, "SELECT relname::text FROM pg_catalog.pg_class WHERE relkind = 'r'"
                             + " AND relnamespace = (SELECT relnamespace FROM pg_catalog.pg_class WHERE oid = to_regclass(")
        sql.append(sql.bind(.text(dialect.quoteIdentifier(Call.table))) + ")) AND (starts_with(relname, ")
        sql.append(sql.bind(.text(Self.archivingPrefix)) + ") OR starts_with(relname, " + sql.bind(.text(Self.expiredPrefix)) + "))")
        for row in try await rows(sql, access: .read) {
            var reader = RowReader(row)
            let name = try reader.string()
            try await finishDetached(name, archive: name.hasPrefix(Self.archivingPrefix), report: &report)
        }
    }

    /// Counts, archives when asked, and drops the detached month `name`, in one transaction.
    private func finishDetached(_ name: String, archive: Bool, report: inout RetentionReport) async throws {
        let q = dialect.quoteIdentifier
        let (rows, archived): (Int, Int) = try await database.withConnection(.write) { connection in
            try await connection.transaction {
                var count = RowReader(try await connection.query("SELECT COUNT(*) FROM \(q(name))", []).first ?? SQLRow([.integer(0)]))
                let rows = try count.optionalInt() ?? 0
                let archived = archive
                    ? try await connection.execute("INSERT INTO \(q(Call.table + "_archive")) SELECT * FROM \(q(name)) ON CONFLICT DO NOTHING", [])
                    : 0
                _ = try await connection.execute("DROP TABLE \(q(name))", [])
                return (rows, archived)
            }
        }
        report.deleted[Call.table, default: 0] += rows
        if archive { report.archived[Call.table, default: 0] += archived }
    }

    /// Each partition's name, month and size, read from the catalog.
    private func callPartitionBounds() async throws -> [CallPartition] {
        var sql = SQLBuilder(dialect, """
            SELECT c.relname::text, pg_get_expr(c.relpartbound, c.oid), pg_total_relation_size(c.oid)
            FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(
            """)
        sql.append(sql.bind(.text(dialect.quoteIdentifier(Call.table))) + ")")
        let partitions = try await rows(sql, access: .read).map { row in
            var reader = RowReader(row)
            let name = try reader.string(), bound = try reader.string(), bytes = try reader.optionalInt() ?? 0
            let ids = Self.uuids(in: bound)
            return CallPartition(name: name, start: ids.first?.v7Time, end: ids.dropFirst().first?.v7Time,
                                 rows: 0, bytes: bytes)
        }
        return partitions.sorted { ($0.start ?? .distantFuture, $0.name) < ($1.start ?? .distantFuture, $1.name) }
    }

    private func requirePartitionDialect() throws {
        guard dialect.name == "postgres" else {
            throw LedgerError(.invalidConfiguration, "monthly partitions are made on PostgreSQL only; on \(dialect.name) retention deletes rows")
        }
    }

    /// The default partition's name.
    static let defaultPartition = Call.table + "_default"
    /// What a detached month is renamed to, before its month (`2026_01`): to be archived
    /// and dropped, or dropped.
    static let archivingPrefix = Call.table + "_archiving_", expiredPrefix = Call.table + "_expired_"
    /// The advisory-lock key of making partitions: "AILparts" in ASCII.
    static let partitionLockKey: Int64 = 0x41_49_4C_70_61_72_74_73

    /// `text` as an SQL string literal.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// The Gregorian calendar in UTC.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The first instant of the UTC month holding `date`.
    static func month(containing date: Date) -> Date {
        calendar.date(from: calendar.dateComponents([.year, .month], from: date)) ?? date
    }

    /// The months from `first` through `last` and `ahead` months past it.
    static func months(from first: Date, through last: Date, ahead: Int) -> [Date] {
        let end = calendar.date(byAdding: .month, value: ahead, to: last) ?? last
        var months: [Date] = []
        var month = first
        while month <= end {
            months.append(month)
            guard let next = calendar.date(byAdding: .month, value: 1, to: month) else { break }
            month = next
        }
        return months
    }

    /// `ailedger_calls_2026_12` for December 2026.
    static func partitionName(_ month: Date) -> String {
        let parts = calendar.dateComponents([.year, .month], from: month)
        let year = parts.year ?? 0, number = parts.month ?? 0
        return Call.table + "_\(year)_" + (number < 10 ? "0\(number)" : "\(number)")
    }

    /// The lowest UUIDv7 of `month` and of the month after it.
    static func bounds(_ month: Date) -> (UUID, UUID) {
        let next = calendar.date(byAdding: .month, value: 1, to: month) ?? month
        return (UUID.lowestV7(at: month), UUID.lowestV7(at: next))
    }

    /// The uuids quoted in a partition bound (`FOR VALUES FROM ('…') TO ('…')`).
    static func uuids(in bound: String) -> [UUID] {
        bound.split(separator: "'").compactMap { UUID(uuidString: String($0)) }
    }

    /// The statement that makes `month`'s partition of `table`, if it does not exist yet.
    static func createPartition(_ month: Date, of table: String, dialect: any SQLDialect) -> String {
        let (low, high) = bounds(month)
        return "CREATE TABLE IF NOT EXISTS \(dialect.quoteIdentifier(partitionName(month))) PARTITION OF \(dialect.quoteIdentifier(table))"
            + " FOR VALUES FROM ('\(low.ledgerString)') TO ('\(high.ledgerString)')"
    }
}
