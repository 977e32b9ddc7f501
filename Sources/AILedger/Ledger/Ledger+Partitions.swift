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
        return try await database.withConnection(.write) { connection in
            try await connection.transaction {
                _ = try await connection.execute("LOCK TABLE \(q(table)) IN ACCESS EXCLUSIVE MODE", [])
                let regclass = SQLValue.text(q(table))
                if let referrer = try await connection.query(
                    "SELECT conrelid::regclass::text FROM pg_catalog.pg_constraint WHERE confrelid = to_regclass($1) AND contype = 'f'",
                    [regclass]).first?.values.first, case .text(let name) = referrer {
                    throw LedgerError(.invalidConfiguration, "\(table) cannot be partitioned while \(name) has a foreign key to it")
                }
                let indexes = try await connection.query("""
                    SELECT indexdef FROM pg_catalog.pg_indexes WHERE schemaname = current_schema() AND tablename = $1
                    AND indexname NOT IN (SELECT conname FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass($2))
                    ORDER BY indexname
                    """, [.text(table), regclass]).map { row in var reader = RowReader(row); return try reader.string() }
                let foreignKeys = try await connection.query("""
                    SELECT conname::text, pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint
                    WHERE conrelid = to_regclass($1) AND contype = 'f' ORDER BY conname
                    """, [regclass]).map { row in var reader = RowReader(row); return (try reader.string(), try reader.string()) }
                let grants = try await connection.query("""
                    SELECT grantee::text, privilege_type::text FROM information_schema.role_table_grants
                    WHERE table_schema = current_schema() AND table_name = $1 AND grantee <> current_user
                    """, [.text(table)]).map { row in var reader = RowReader(row); return (try reader.string(), try reader.string()) }
                // A month for each month since the oldest UUIDv7 id, at most ten years back.
                var first = Self.month(containing: now)
                if let row = try await connection.query(
                    "SELECT id FROM \(q(table)) WHERE substr(id::text, 15, 1) = '7' ORDER BY id LIMIT 1", []).first {
                    var reader = RowReader(row)
                    let floor = Self.calendar.date(byAdding: .year, value: -10, to: first) ?? first
                    first = max(floor, min(first, Self.month(containing: Self.time(of: try reader.uuid()))))
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
                for (name, definition) in foreignKeys {
                    _ = try await connection.execute("ALTER TABLE \(q(table)) ADD CONSTRAINT \(q(name)) \(definition)", [])
                }
                for (grantee, privilege) in grants {
                    let role = grantee == "PUBLIC" ? "PUBLIC" : q(grantee)
                    _ = try await connection.execute("GRANT \(privilege) ON \(q(table)) TO \(role)", [])
                }
                _ = try await connection.execute("ANALYZE \(q(table))", [])
                return created
            }
        }
    }

    /// Adds the missing monthly partitions of `ailedger_calls`, from this month through
    /// `monthsAhead` months ahead, when it is partitioned; returns the partitions it created.
    /// Safe to run from several processes at once.
    @discardableResult
    public func addCallPartitions(monthsAhead: Int = 3, now: Date = Date()) async throws -> [String] {
        guard dialect.name == "postgres", try await callsArePartitioned() else { return [] }
        let existing = Set(try await callPartitionBounds().map(\.name))
        var created: [String] = []
        for month in Self.months(from: Self.month(containing: now), through: Self.month(containing: now), ahead: monthsAhead)
        where !existing.contains(Self.partitionName(month)) {
            let (low, high) = Self.bounds(month)
            let statement = Self.createPartition(month, of: Call.table, dialect: dialect)
            let made: Bool = try await database.withConnection(.write) { connection in
                try await connection.transaction {
                    // Ids of this month already in the default partition keep it from having its own.
                    let stray = try await connection.query(
                        "SELECT 1 FROM \(dialect.quoteIdentifier(Self.defaultPartition)) WHERE id >= $1 AND id < $2 LIMIT 1",
                        [.uuid(low), .uuid(high)])
                    guard stray.isEmpty else { return false }
                    _ = try await connection.execute(statement, [])
                    return true
                }
            }
            if made { created.append(Self.partitionName(month)) }
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
    /// made since, archiving their rows into `ailedger_calls_archive` first when `archive`
    /// is `.table`; with `emptyOnly`, drops only partitions already emptied. A partition
    /// that a reader or writer keeps locked for ten seconds is left to the row deletes.
    func dropCallPartitions(before cutoff: Date, archive: Bool, emptyOnly: Bool, report: inout RetentionReport) async throws {
        guard try await callsArePartitioned() else { return }
        let q = dialect.quoteIdentifier
        for partition in try await callPartitionBounds() {
            guard let end = partition.end, end <= cutoff else { continue }
            let name = q(partition.name)
            let archived = q(Call.table + "_archive")
            let outcome: (rows: Int, archived: Int)?
            do {
                outcome = try await database.withConnection(.write) { connection in
                    try await connection.transaction {
                        _ = try await connection.execute("SET LOCAL lock_timeout = '10s'", [])
                        _ = try await connection.execute("LOCK TABLE \(name) IN SHARE MODE", [])
                        var counts = RowReader(try await connection.query(
                            "SELECT COUNT(*), COUNT(*) FILTER (WHERE created_at >= $1) FROM \(name)",
                            [.timestamp(Timestamp.microseconds(cutoff))]).first ?? SQLRow([.integer(0), .integer(0)]))
                        let (rows, newer) = (try counts.optionalInt() ?? 0, try counts.optionalInt() ?? 0)
                        guard newer == 0, !emptyOnly || rows == 0 else { return nil }
                        let copied = archive
                            ? try await connection.execute("INSERT INTO \(archived) SELECT * FROM \(name) ON CONFLICT DO NOTHING", []) : 0
                        _ = try await connection.execute("DROP TABLE \(name)", [])
                        return (rows, copied)
                    }
                }
            } catch let error as LedgerError where error.kind == .serializationFailure {
                outcome = nil
            }
            guard let outcome else { continue }
            report.droppedPartitions.append(partition.name)
            report.deleted[Call.table, default: 0] += outcome.rows
            if archive { report.archived[Call.table, default: 0] += outcome.archived }
        }
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
            return CallPartition(name: name, start: ids.first.map(Self.time), end: ids.dropFirst().first.map(Self.time),
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
        return (lowestID(at: month), lowestID(at: next))
    }

    /// The lowest id made at `date`: its 48 bits of milliseconds, then zeros.
    static func lowestID(at date: Date) -> UUID {
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (40 - 8 * UInt64(i))) }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    }

    /// When the UUIDv7 `id` was made (its first 48 bits).
    static func time(of id: UUID) -> Date {
        let bytes = id.uuid
        let millis = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
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
