import AILedger
import CMariaDB
import Foundation

/// One Connector/C connection, owned by a dedicated thread: every mysql_* call runs there.
final class MySQLConnection: ThreadBoundConnection, @unchecked Sendable {
    let dialect: any SQLDialect = MySQLDialect()
    private let core = SerializedConnection<UnsafeMutablePointer<MYSQL>, UnsafeMutablePointer<MYSQL_STMT>>(
        "MySQL", thread: "mariadb", finalize: { mysql_stmt_close($0) }, closeHandle: { mysql_close($0) })
    /// The server's max_allowed_packet, read on first bulk insert.
    private let maxPacket = Locked<Int?>(nil)
    /// Whether the server takes array-bound executes (MariaDB 10.2 and later, not MySQL);
    /// set on the thread as it connects.
    private let arrayBinding = Locked(false)

    // Client flags are macros Swift cannot import.
    private static let clientFoundRows: UInt = 2
    private static let clientMultiStatements: UInt = 1 << 16
    private static let clientMultiResults: UInt = 1 << 17
    /// CLIENT_MYSQL, which MySQL servers announce and MariaDB's do not.
    private static let clientMySQL: UInt = 1
    /// MARIADB_CLIENT_STMT_BULK_OPERATIONS, among the extended capabilities (bits 32 up).
    private static let bulkOperations: UInt = 1 << 2
    /// Strict, predictable sessions: errors instead of silent truncation, UTC time.
    private static let sessionSetup = """
        SET time_zone = '+00:00', \
        sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ZERO_DATE,NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION'
        """

    var isBroken: Bool { core.isBroken }
    var executor: any TaskExecutor { core.executor }

    private init() {}

    /// Connects, then makes the session strict, UTC and utf8mb4.
    static func open(_ options: MySQLOptions) async throws -> MySQLConnection {
        let connection = MySQLConnection()
        return try await connection.opened { try await connection.core.run { try connection.connectOnThread(options) } }
    }

    /// Connects to the first of the URL's hosts that takes the connection, accepts writes
    /// (unless it is the last) and, on a Galera cluster, is synced (`wsrep_ready`); a
    /// refused login stops the search, since every host shares the users.
    private func connectOnThread(_ options: MySQLOptions) throws {
        guard !options.endpoints.isEmpty else { throw LedgerError(.invalidURL, "\(options.display) names no host") }
        for (index, endpoint) in options.endpoints.enumerated() {
            do {
                return try connectOnThread(options, host: endpoint.host, port: endpoint.port,
                                           last: index == options.endpoints.count - 1)
            } catch let error as LedgerError where error.kind != .authenticationFailed && index < options.endpoints.count - 1 {
                if let mysql = core.handle { mysql_close(mysql) }
                core.handle = nil
                arrayBinding.withLock { $0 = false }
            }
        }
    }

    private func connectOnThread(_ options: MySQLOptions, host: String?, port: UInt32, last: Bool = true) throws {
        guard let mysql = mysql_init(nil) else { throw LedgerError(.connectionFailed, "out of memory") }
        core.handle = mysql
        var timeout = options.connectTimeout
        mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout)
        mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        if options.tls == .required || options.tls == .verifyIdentity {
            var enforce: my_bool = 1
            mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &enforce)
        }
        var verify: my_bool = options.tls == .verifyIdentity ? 1 : 0
        mysql_options(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify)
        if let ca = options.sslCA { mysql_options(mysql, MYSQL_OPT_SSL_CA, ca) }
        let flags = Self.clientFoundRows | Self.clientMultiStatements | Self.clientMultiResults
        let target = options.endpoints.count > 1 ? " (\(DatabaseEndpoint(host: host ?? "", port: Int(port)).description))" : ""
        guard mysql_real_connect(mysql, host, options.user, options.password, options.database, port,
                                 options.socket, flags) != nil else {
            let code = mysql_errno(mysql)
            let message = String(cString: mysql_error(mysql))
            let authentication = [1044, 1045, 1698].contains(code)
            throw LedgerError(authentication ? .authenticationFailed : .connectionFailed,
                              "cannot connect to \(options.display)\(target): \(message)", isRetryable: !authentication,
                              databaseCode: String(code))
        }
        // Some Connector/C builds connect in clear text despite MYSQL_OPT_SSL_ENFORCE when
        // the server has no TLS; refuse such a session here.
        if options.tls == .required || options.tls == .verifyIdentity, mysql_get_ssl_cipher(mysql) == nil {
            throw LedgerError(.connectionFailed,
                              "cannot connect to \(options.display): ssl_mode=\(options.tls.rawValue) but the server does not offer TLS",
                              isRetryable: false)
        }
        try text(Self.sessionSetup)
        // A Galera node that is not synced with its cluster refuses statements (1047).
        if options.endpoints.count > 1, try textValue("SHOW VARIABLES LIKE 'wsrep_on'") == "ON",
           try textValue("SHOW STATUS LIKE 'wsrep_ready'") != "ON" {
            throw LedgerError(.connectionFailed, "cannot use \(options.display)\(target): the Galera node is not synced (wsrep_ready=OFF)",
                              isRetryable: true, databaseCode: "1047")
        }
        // A read-only server (a replica, a demoted primary) is passed over while another
        // host remains; the last one is taken as it is (a list of replicas for reading).
        if !last, try textValue("SHOW VARIABLES LIKE 'read_only'") == "ON" {
            throw LedgerError(.connectionFailed, "cannot write to \(options.display)\(target): the server is read-only", isRetryable: true,
                              databaseCode: "1290")
        }
        var server: UInt = 0, extended: UInt = 0
        if options.arrayBinding, mariadb_get_info(mysql, MARIADB_CONNECTION_SERVER_CAPABILITIES, &server) == 0,
           mariadb_get_info(mysql, MARIADB_CONNECTION_EXTENDED_SERVER_CAPABILITIES, &extended) == 0 {
            arrayBinding.withLock { $0 = server & Self.clientMySQL == 0 && extended & Self.bulkOperations != 0 }
        }
    }

    /// The second column of the first row of a text query's result (the value of a `SHOW`
    /// statement), or nil without rows.
    private func textValue(_ sql: String) throws -> String? {
        guard let mysql = core.handle else { throw LedgerError(.connectionFailed, "no connection") }
        guard mysql_real_query(mysql, sql, UInt(sql.utf8.count)) == 0 else {
            throw LedgerError(.connectionFailed, String(cString: mysql_error(mysql)), isRetryable: true,
                              databaseCode: String(mysql_errno(mysql)))
        }
        guard let result = mysql_store_result(mysql) else { return nil }
        defer { mysql_free_result(result) }
        guard mysql_num_fields(result) >= 2, let row = mysql_fetch_row(result), let value = row[1] else { return nil }
        return String(cString: value)
    }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) async throws -> Int {
        try await core.run { [self] in
            if parameters.isEmpty { return try text(sql) }
            let arguments = try MySQLParameters(parameters)
            return try withStatement(sql) { statement in
                try run(statement, arguments)
                let changed = Int(mysql_stmt_affected_rows(statement))
                try drain(statement)
                return changed
            }
        }
    }

    func query(_ sql: String, _ parameters: [SQLValue]) async throws -> [SQLRow] {
        try await core.run { [self] in
            let arguments = try MySQLParameters(parameters)
            return try withStatement(sql) { statement in try rows(of: statement, arguments) }
        }
    }

    /// Runs the prepared `statement` with `arguments` and reads every row of its result.
    private func rows(of statement: UnsafeMutablePointer<MYSQL_STMT>, _ arguments: MySQLParameters) throws -> [SQLRow] {
        try run(statement, arguments)
        defer { _ = try? drain(statement) }
        guard let metadata = mysql_stmt_result_metadata(statement) else { return [] }
        defer { mysql_free_result(metadata) }
        let columns = MySQLResultColumns(metadata)
        try check(mysql_stmt_bind_result(statement, columns.binds) == 0, statement)
        try check(mysql_stmt_store_result(statement) == 0, statement)
        var rows: [SQLRow] = []
        while true {
            let code = mysql_stmt_fetch(statement)
            if code == MYSQL_NO_DATA { break }
            guard code == 0 || code == MYSQL_DATA_TRUNCATED else { throw error(statement) }
            rows.append(SQLRow(try columns.values(statement)))
        }
        return rows
    }

    /// Rows in chunks sized under half the server's `max_allowed_packet` (and 1,000 rows),
    /// inside the caller's transaction: each chunk one array-bound execute of a single-row
    /// INSERT where the server takes them (MariaDB), else one multi-row INSERT (MySQL).
    func insert(into table: String, columns: [String], rows: [[SQLValue]], ignoringDuplicates: Bool) async throws -> Int {
        try await insertInChunks(into: table, columns: columns, rows: rows) { count in
            dialect.insertStatement(table: table, columns: columns, rowCount: count, ignoringDuplicates: ignoringDuplicates)
        }
    }

    /// Runs `statement(n)`, an INSERT of `n` rows, over `rows` in chunks sized under half
    /// the server's `max_allowed_packet` (and 1,000 rows): array-bound executes of the
    /// single-row statement where the server takes them, else multi-row statements; returns
    /// the rows changed.
    func insertInChunks(into table: String, columns: [String], rows: [[SQLValue]],
                        statement: (Int) -> String) async throws -> Int {
        guard !rows.isEmpty, !columns.isEmpty else { return 0 }
        let packet = try await maxAllowedPacket()
        let budget = packet / 2
        let maxRows = max(1, min(1_000, dialect.maxParameters / columns.count))
        var chunks: [Range<Int>] = []
        var first = 0, bytes = 0
        for (index, row) in rows.enumerated() {
            let size = row.reduce(64) { $0 + Self.encodedSize($1) }
            guard size <= budget else {
                throw LedgerError(.invalidRecord,
                    "a row for \(table) takes \(size) bytes, more than half the server's max_allowed_packet (\(packet) bytes); raise max_allowed_packet")
            }
            if index > first && (bytes + size > budget || index - first == maxRows) {
                chunks.append(first..<index)
                (first, bytes) = (index, 0)
            }
            bytes += size
        }
        chunks.append(first..<rows.count)
        // Array-bound chunks of more than one row; while the server runs one, the next one's
        // arrays are made on the pool.
        let arrays = arrayBinding.withLock { $0 }
        let binding = { (range: Range<Int>) in arrays && range.count > 1 }
        var next: Task<MySQLColumnArrays?, Never>?
        var inserted = 0
        for (index, range) in chunks.enumerated() {
            let bound = if let next { await next.value } else { binding(range) ? MySQLColumnArrays(Array(rows[range])) : nil }
            next = nil
            if index + 1 < chunks.count, binding(chunks[index + 1]) {
                let chunk = Array(rows[chunks[index + 1]])
                next = Task(executorPreference: globalConcurrentExecutor) { MySQLColumnArrays(chunk) }
            }
            if let bound {
                inserted += try await executeArrays(statement(1), bound)
            } else {
                inserted += try await execute(statement(range.count), rows[range].flatMap { $0 })
            }
        }
        return inserted
    }

    /// Runs the single-row `sql` once for every row of `arrays` in one array-bound execute.
    private func executeArrays(_ sql: String, _ arrays: MySQLColumnArrays) async throws -> Int {
        try await core.run { [self] in
            try withStatement(sql) { statement in
                let expected = Int(mysql_stmt_param_count(statement))
                guard expected == arrays.columnCount else {
                    throw LedgerError(.databaseError, "statement expects \(expected) parameters but \(arrays.columnCount) were bound")
                }
                var size = UInt32(arrays.rowCount)
                try check(mysql_stmt_attr_set(statement, STMT_ATTR_ARRAY_SIZE, &size) == 0, statement)
                defer {
                    // The statement is cached: later executes bind one row.
                    var single: UInt32 = 0
                    _ = mysql_stmt_attr_set(statement, STMT_ATTR_ARRAY_SIZE, &single)
                }
                // The arrays' buffers must outlive the execute, which reads them.
                let changed = try withExtendedLifetime(arrays) {
                    try check(mysql_stmt_bind_param(statement, arrays.binds) == 0, statement)
                    try check(mysql_stmt_execute(statement) == 0, statement)
                    return Int(mysql_stmt_affected_rows(statement))
                }
                try drain(statement)
                return changed
            }
        }
    }

    private func maxAllowedPacket() async throws -> Int {
        if let known = maxPacket.withLock({ $0 }) { return known }
        let rows = try await query("SELECT @@max_allowed_packet", [])
        guard case .integer(let value)? = rows.first?.values.first else {
            throw LedgerError(.decodingFailed, "could not read max_allowed_packet")
        }
        maxPacket.withLock { $0 = Int(value) }
        return Int(value)
    }

    /// About how many bytes a value takes in an execute packet.
    private static func encodedSize(_ value: SQLValue) -> Int {
        switch value {
        case .text(let text), .json(let text): return text.utf8.count + 9
        case .blob(let bytes): return bytes.count + 9
        default: return 40
        }
    }

    func executeScript(_ sql: String) async throws {
        try await core.run { [self] in _ = try text(sql) }
    }

    func withMigrationLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        // A named lock belongs to one server: on a Galera cluster a runner on another node
        // would not see it, so the lock is a row there, which certification makes unique.
        let wsrep = try await query("SHOW VARIABLES LIKE 'wsrep_on'", [])
        if wsrep.first?.values.last == .text("ON") { return try await withLockRow(body) }
        let rows = try await query("SELECT GET_LOCK('ailedger_migrations', 600)", [])
        guard rows.first?.values.first == .integer(1) else {
            throw LedgerError(.serializationFailure, "timed out waiting for the migration lock held by another runner")
        }
        do {
            let result = try await body()
            _ = try await query("SELECT RELEASE_LOCK('ailedger_migrations')", [])
            return result
        } catch {
            if !isBroken { _ = try? await query("SELECT RELEASE_LOCK('ailedger_migrations')", []) }
            throw error
        }
    }

    /// The migration lock on a Galera cluster: the row `ailedger_migrations` of
    /// `ailedger_migration_lock`, inserted by the runner that holds it and deleted when it is
    /// done. A runner that finds the row (or loses the certification race for it, 1213)
    /// waits and tries again, up to 600 seconds. A row older than an hour by the server's
    /// clock was left by a runner that died, and is taken over; the timeout names the row
    /// so that an operator can delete it sooner.
    private func withLockRow<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        let table = "ailedger_migration_lock", holder = UUID().uuidString
        try await execute("""
            CREATE TABLE IF NOT EXISTS \(table) (name VARCHAR(64) NOT NULL PRIMARY KEY, holder VARCHAR(64) NOT NULL, \
            acquired_at BIGINT NOT NULL) ENGINE=InnoDB
            """, [])
        let deadline = ContinuousClock.now + .seconds(600)
        while true {
            do {
                try await execute("INSERT INTO \(table) (name, holder, acquired_at) VALUES ('ailedger_migrations', ?, UNIX_TIMESTAMP())",
                                  [.text(holder)])
                break
            } catch let error as LedgerError where error.kind == .uniqueViolation || error.kind == .serializationFailure {
                guard ContinuousClock.now < deadline else {
                    throw LedgerError(.serializationFailure, """
                        timed out waiting for the migration lock held by another runner (the row of \(table)); \
                        if no runner is alive, delete it: DELETE FROM \(table)
                        """)
                }
                // Another waiter may take the same stale row over at once: its certification wins.
                _ = try? await execute("DELETE FROM \(table) WHERE name = 'ailedger_migrations' AND acquired_at < UNIX_TIMESTAMP() - 3600",
                                       [])
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        let result: T
        do {
            result = try await body()
        } catch {
            if !isBroken { _ = try? await execute("DELETE FROM \(table) WHERE name = 'ailedger_migrations' AND holder = ?", [.text(holder)]) }
            throw error
        }
        // The migrations are applied: a failed release leaves a row the next runner takes over
        // after an hour, not a failure to report.
        _ = try? await execute("DELETE FROM \(table) WHERE name = 'ailedger_migrations' AND holder = ?", [.text(holder)])
        return result
    }

    func close() async {
        await core.close()
    }

    // MARK: - On the thread

    /// Runs `sql` (one or several statements) through the text protocol, drains every
    /// result, and returns the rows the last statement changed.
    @discardableResult
    private func text(_ sql: String) throws -> Int {
        let handle = try core.openHandle()
        var utf8 = Array(sql.utf8)
        try check(utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mysql_real_query(handle, $0.baseAddress, UInt(buffer.count)) }
        } == 0)
        utf8.removeAll()
        var changed = 0
        while true {
            if let result = mysql_store_result(handle) {
                mysql_free_result(result)
            } else {
                try check(mysql_field_count(handle) == 0)
                changed = Int(mysql_affected_rows(handle))
            }
            let next = mysql_next_result(handle)
            if next == -1 { break }
            try check(next == 0)
        }
        return changed
    }

    /// Runs `body` with the statement prepared for `sql`, and once more with a new one
    /// when the server says a table does not exist: MariaDB can keep the tables of a
    /// table's triggers as they were when a statement was prepared, so that a statement
    /// cached before another trigger was added (a compatibility set applied while the
    /// ledger runs) names that trigger's table as missing. Nothing ran, so it is safe.
    private func withStatement<T>(_ sql: String, _ body: (UnsafeMutablePointer<MYSQL_STMT>) throws -> T) throws -> T {
        do {
            return try body(try prepared(sql))
        } catch let error as LedgerError where error.kind == .undefinedTable {
            core.forgetStatement(sql)
            return try body(try prepared(sql))
        }
    }

    private func prepared(_ sql: String) throws -> UnsafeMutablePointer<MYSQL_STMT> {
        try core.statement(sql) { handle in
            guard let statement = mysql_stmt_init(handle) else { throw error() }
            let utf8 = Array(sql.utf8)
            let code = utf8.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { mysql_stmt_prepare(statement, $0.baseAddress, UInt(buffer.count)) }
            }
            guard code == 0 else {
                let failure = error(statement)
                mysql_stmt_close(statement)
                throw failure
            }
            return statement
        }
    }

    private func run(_ statement: UnsafeMutablePointer<MYSQL_STMT>, _ arguments: MySQLParameters) throws {
        let expected = Int(mysql_stmt_param_count(statement))
        guard expected == arguments.count else {
            throw LedgerError(.databaseError, "statement expects \(expected) parameters but \(arguments.count) were bound")
        }
        if arguments.count > 0 { try check(mysql_stmt_bind_param(statement, arguments.binds) == 0, statement) }
        try check(mysql_stmt_execute(statement) == 0, statement)
    }

    /// Frees the statement's result and any further result sets.
    private func drain(_ statement: UnsafeMutablePointer<MYSQL_STMT>) throws {
        try check(mysql_stmt_free_result(statement) == 0, statement)
        while mysql_stmt_more_results(statement) != 0 {
            try check(mysql_stmt_next_result(statement) <= 0, statement)
            try check(mysql_stmt_free_result(statement) == 0, statement)
        }
    }

    /// The one place every Connector/C return code is checked.
    private func check(_ succeeded: Bool, _ statement: UnsafeMutablePointer<MYSQL_STMT>? = nil) throws {
        if !succeeded { throw error(statement) }
    }

    private func error(_ statement: UnsafeMutablePointer<MYSQL_STMT>? = nil) -> LedgerError {
        let code: UInt32, message: String, sqlState: String
        if let statement, mysql_stmt_errno(statement) != 0 {
            code = mysql_stmt_errno(statement)
            message = String(cString: mysql_stmt_error(statement))
            sqlState = String(cString: mysql_stmt_sqlstate(statement))
        } else if let handle = core.handle {
            code = mysql_errno(handle)
            message = String(cString: mysql_error(handle))
            sqlState = String(cString: mysql_sqlstate(handle))
        } else {
            return LedgerError(.closed, "the MySQL connection is closed")
        }
        let failure = LedgerError(mysqlErrno: code, message: message, sqlState: sqlState)
        // Connection errors, and any client-side error (2000-2999: out of sync, malformed
        // packet...), leave the connection unusable; so does a server turned read-only (1290,
        // 1792, 1836: a demoted primary), for the next connection to find the writable host.
        if failure.kind == .connectionFailed || (2000..<3000).contains(code) || [1290, 1792, 1836].contains(code) {
            core.markBroken()
        }
        return failure
    }
}
