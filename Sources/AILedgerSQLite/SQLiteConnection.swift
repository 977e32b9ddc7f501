import AILedger
import CSQLite

/// One SQLite connection, owned by a dedicated thread: every sqlite3 call runs there.
final class SQLiteConnection: ThreadBoundConnection, NewRowInserting, @unchecked Sendable {
    /// Whether the connection writes, or only reads beside the writer.
    enum Role: Sendable { case writer, reader }

    let dialect: any SQLDialect = SQLiteDialect()
    private let core: SerializedConnection<OpaquePointer, OpaquePointer>
    // Touched only on the connection's thread.
    private var checkpointer: SQLiteCheckpointer?

    var isBroken: Bool { core.isBroken }
    var executor: any TaskExecutor { core.executor }

    /// The handle, on the connection's thread.
    private var handle: OpaquePointer? { core.handle }

    private init(role: Role) {
        core = SerializedConnection("SQLite", thread: "sqlite \(role)", finalize: { sqlite3_finalize($0) }, closeHandle: { db in
            sqlite3_wal_hook(db, nil, nil)  // before the checkpointer it calls may go
            sqlite3_close_v2(db)
        })
    }

    /// Opens the database file (or memory) and applies the connection's pragmas.
    static func open(_ options: SQLiteOptions, role: Role) async throws -> SQLiteConnection {
        let connection = SQLiteConnection(role: role)
        return try await connection.opened {
            try await connection.core.run { try connection.openOnThread(options, role: role) }
            if role == .writer && !options.isMemory {
                let checkpointer = try await SQLiteCheckpointer.open(path: options.path, busyTimeoutMs: options.busyTimeoutMs,
                                                                    walBytes: options.walMiB << 20)
                try await connection.core.run { connection.checkpoint(with: checkpointer) }
            }
        }
    }

    private func openOnThread(_ options: SQLiteOptions, role: Role) throws {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        var db: OpaquePointer?
        let code = sqlite3_open_v2(options.path, &db, flags, nil)
        core.handle = db
        guard code == SQLITE_OK else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            throw LedgerError(.connectionFailed, "cannot open SQLite database '\(options.path)': \(message)",
                              isRetryable: false, databaseCode: "SQLITE_\(code)")
        }
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Int32(options.busyTimeoutMs))
        var pragmas = ["PRAGMA foreign_keys = ON"]
        if !options.isMemory {
            pragmas += role == .writer
                ? ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = \(options.synchronous)", "PRAGMA cache_size = -\(options.writerCacheMiB * 1024)", "PRAGMA journal_size_limit = \(options.walMiB << 20)"]
                : ["PRAGMA query_only = ON"]
        }
        for pragma in pragmas { try script(pragma) }
        if role == .writer && !options.isMemory {
            let pageSize = max(512, try integer("PRAGMA page_size"))
            // An odd count: SQLite also reads the number as the switch that turns spilling on
            // or off, by its low byte, so a multiple of 256 pages would turn it off.
            try script("PRAGMA cache_spill = \(options.writerSpillBytes / pageSize | 1)")
        }
    }

    /// The integer the one-row statement `sql` returns.
    private func integer(_ sql: String) throws -> Int {
        let handle = try core.openHandle()
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK else { throw error(code) }
        let step = sqlite3_step(statement)
        guard step == SQLITE_ROW else { throw error(step == SQLITE_DONE ? SQLITE_MISUSE : step) }
        return Int(sqlite3_column_int64(statement, 0))
    }

    /// Hands checkpoints to `checkpointer` in place of SQLite's automatic ones.
    private func checkpoint(with checkpointer: SQLiteCheckpointer) {
        self.checkpointer = checkpointer
        core.keepAlive.append(checkpointer)  // the hook's context, until the handle is closed
        sqlite3_wal_hook(handle, { context, db, _, pages in
            Unmanaged<SQLiteCheckpointer>.fromOpaque(context!).takeUnretainedValue().committed(db, walPages: pages)
            return SQLITE_OK
        }, Unmanaged.passUnretained(checkpointer).toOpaque())
    }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) async throws -> Int {
        try await core.run { [self] in
            let statement = try prepared(sql)
            defer { finish(statement) }
            var changes = 0
            try forEachRow(of: PackedRows([parameters]), boundTo: statement) { _ in
                while true {
                    let code = sqlite3_step(statement)
                    if code == SQLITE_DONE { break }
                    if code != SQLITE_ROW { throw error(code) }
                }
                changes = Int(sqlite3_changes(handle))
            }
            return changes
        }
    }

    /// One prepared statement, bound and stepped per set in a single hop to the thread.
    func executeEach(_ sql: String, _ parameterSets: [[SQLValue]]) async throws {
        guard !parameterSets.isEmpty else { return }
        try await core.run { [self] in
            let statement = try prepared(sql)
            defer { finish(statement) }
            try forEachRow(of: PackedRows(parameterSets), boundTo: statement) { _ in
                while true {
                    let code = sqlite3_step(statement)
                    if code == SQLITE_DONE { break }
                    if code != SQLITE_ROW { throw error(code) }
                }
                sqlite3_reset(statement)
            }
        }
    }

    func query(_ sql: String, _ parameters: [SQLValue]) async throws -> [SQLRow] {
        try await core.run { [self] in
            let statement = try prepared(sql)
            defer { finish(statement) }
            var rows: [SQLRow] = []
            try forEachRow(of: PackedRows([parameters]), boundTo: statement) { _ in
                let count = sqlite3_column_count(statement)
                while true {
                    let code = sqlite3_step(statement)
                    if code == SQLITE_DONE { break }
                    guard code == SQLITE_ROW else { throw error(code) }
                    rows.append(SQLRow((0..<count).map { column(statement, $0) }))
                }
            }
            return rows
        }
    }

    func executeScript(_ sql: String) async throws {
        try await core.run { [self] in try script(sql) }
    }

    /// One prepared INSERT, bound and stepped per row in a single hop to the thread: the
    /// fastest way into SQLite.
    func insert(into table: String, columns: [String], rows: [[SQLValue]], ignoringDuplicates: Bool) async throws -> Int {
        guard !rows.isEmpty else { return 0 }
        let sql = dialect.insertStatement(table: table, columns: columns, rowCount: 1, ignoringDuplicates: ignoringDuplicates)
        return try await core.run { [self] in
            let statement = try prepared(sql)
            defer { finish(statement) }
            var inserted = 0
            try forEachRow(of: PackedRows(rows), boundTo: statement) { _ in
                let code = sqlite3_step(statement)
                guard code == SQLITE_DONE else { throw error(code) }
                inserted += Int(sqlite3_changes(handle))
                sqlite3_reset(statement)
            }
            return inserted
        }
    }

    /// One prepared `INSERT … ON CONFLICT (id) DO NOTHING` stepped per row: each row's
    /// change count says whether it was inserted, so no savepoint is needed. Bound from
    /// `packed`, in place of `rows`, when the writer laid the rows out ahead (see
    /// `RowPacking`).
    func insertSkippingStoredIDs(into table: String, columns: [String], rows: [[SQLValue]],
                                 packed: PackedRows?) async throws -> [Bool]? {
        let packed = packed ?? PackedRows(rows)
        guard packed.rowCount > 0, let id = columns.first else { return nil }
        let sql = dialect.insertStatement(table: table, columns: columns, rowCount: 1, ignoringDuplicates: false)
            + " ON CONFLICT (\(dialect.quoteIdentifier(id))) DO NOTHING"
        return try await core.run { [self] in
            let statement = try prepared(sql)
            defer { finish(statement) }
            var inserted: [Bool] = []
            inserted.reserveCapacity(packed.rowCount)
            try forEachRow(of: packed, boundTo: statement) { _ in
                let code = sqlite3_step(statement)
                guard code == SQLITE_DONE else { throw error(code) }
                inserted.append(sqlite3_changes(handle) > 0)
                sqlite3_reset(statement)
            }
            return inserted.allSatisfy { $0 } ? nil : inserted
        }
    }

    func close() async {
        let checkpointing = try? await core.run { [self] in
            defer { checkpointer = nil }
            return checkpointer
        }
        await core.close()
        await checkpointing?.close()
    }

    // MARK: - On the thread

    private func prepared(_ sql: String) throws -> OpaquePointer {
        try core.statement(sql) { handle in
            var statement: OpaquePointer?
            let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
            guard code == SQLITE_OK, let statement else { throw error(code) }
            return statement
        }
    }

    private func finish(_ statement: OpaquePointer) {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    private func script(_ sql: String) throws {
        let handle = try core.openHandle()
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        sqlite3_free(message)
        if code != SQLITE_OK { throw error(code) }
    }

    /// Runs `body` once per row of `packed`, with that row's values bound to `statement`:
    /// text and blobs where they lie in the packed bytes (`SQLITE_STATIC`), so SQLite
    /// neither copies nor allocates per value. The bindings are cleared before those bytes
    /// may go (to be reused by the next packing).
    private func forEachRow(of packed: PackedRows, boundTo statement: OpaquePointer, _ body: (Int) throws -> Void) throws {
        let expected = Int(sqlite3_bind_parameter_count(statement))
        let bytes = packed.bytes.base
        try withExtendedLifetime(packed.bytes) {
            defer { sqlite3_clear_bindings(statement) }
            try packed.values.withUnsafeBufferPointer { values in
                for row in 0..<packed.rowCount {
                    let first = row == 0 ? 0 : packed.rowEnds[row - 1], width = packed.rowEnds[row] - first
                    guard width == expected else {
                        throw LedgerError(.databaseError, "statement expects \(expected) parameters but \(width) were bound")
                    }
                    for column in 0..<width {
                        let index = Int32(column + 1)
                        let code: Int32
                        switch values[first + column] {
                        case .null: code = sqlite3_bind_null(statement, index)
                        case .integer(let number): code = sqlite3_bind_int64(statement, index, number)
                        case .double(let number): code = sqlite3_bind_double(statement, index, number)
                        case .blob(let start, let count):
                            code = count == 0 ? sqlite3_bind_zeroblob(statement, index, 0)
                                : sqlite3_bind_blob64(statement, index, bytes + start, sqlite3_uint64(count), nil)
                        case .text(let start, let count):
                            code = count == 0 ? sqlite3_bind_text(statement, index, "", 0, nil)
                                : UnsafeRawPointer(bytes + start).withMemoryRebound(to: CChar.self, capacity: count) { pointer in
                                    sqlite3_bind_text64(statement, index, pointer, sqlite3_uint64(count), nil, UInt8(SQLITE_UTF8))
                                }
                        }
                        guard code == SQLITE_OK else { throw error(code) }
                    }
                    try body(row)
                }
            }
        }
    }

    private func column(_ statement: OpaquePointer, _ index: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard let pointer = sqlite3_column_text(statement, index) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard let pointer = sqlite3_column_blob(statement, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default: return .null
        }
    }

    private func error(_ code: Int32) -> LedgerError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "the connection is closed"
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? code
        return LedgerError(sqliteCode: extended, message: message)
    }
}
