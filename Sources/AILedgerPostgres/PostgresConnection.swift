import AILedger
import CLibPQ
import Foundation

/// One libpq connection, owned by a dedicated thread: every libpq call runs there.
final class PostgresConnection: ThreadBoundConnection, @unchecked Sendable {
    let dialect: any SQLDialect = PostgresDialect()
    let core = SerializedConnection<OpaquePointer, Never>("PostgreSQL", thread: "postgres", statementCacheSize: 0,
                                                                   finalize: { _ in }, closeHandle: { PQfinish($0) })

    /// The advisory-lock key the migration runner holds: "AILedger" in ASCII.
    private static let migrationLockKey: Int64 = 0x41_49_4C_65_64_67_65_72

    /// The column type OIDs each COPY target had when last looked up, by table and
    /// columns. Touched only on the connection's thread; forgotten after a script (a
    /// migration may change a type) and after a failed COPY.
    private var copyTypes: [String: [Oid]] = [:]
    /// The column type names of each table inserted into by column arrays; touched only on
    /// the connection's thread, forgotten when `copyTypes` is.
    var arrayTypes: [String: [String: String]] = [:]

    var isBroken: Bool { core.isBroken }
    var executor: any TaskExecutor { core.executor }

    /// The handle, on the connection's thread.
    private var handle: OpaquePointer? { core.handle }

    private init() {}

    /// Connects and checks the session.
    static func open(_ options: PostgresOptions) async throws -> PostgresConnection {
        let connection = PostgresConnection()
        return try await connection.opened { try await connection.core.run { try connection.connectOnThread(options) } }
    }

    private func connectOnThread(_ options: PostgresOptions) throws {
        let keys = options.keywords.map { strdup($0.0) } + [nil]
        let values = options.keywords.map { strdup($0.1) } + [nil]
        defer {
            keys.forEach { free($0) }
            values.forEach { free($0) }
        }
        let connection = keys.map { UnsafePointer($0) }.withUnsafeBufferPointer { keyBuffer in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { valueBuffer in
                PQconnectdbParams(keyBuffer.baseAddress, valueBuffer.baseAddress, 0)
            }
        }
        core.handle = connection
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let message = connection.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            throw LedgerError(connectFailure: message, url: options.display)
        }
        ailedger_pq_silence_notices(connection)
    }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) async throws -> Int {
        try await core.run { [self] in
            try withResult(sql, parameters) { result in Int(String(cString: PQcmdTuples(result))) ?? 0 }
        }
    }

    func query(_ sql: String, _ parameters: [SQLValue]) async throws -> [SQLRow] {
        try await core.run { [self] in
            try withResult(sql, parameters) { result in
                let rows = PQntuples(result), columns = PQnfields(result)
                let types = (0..<columns).map { PQftype(result, $0) }
                return (0..<rows).map { row in
                    SQLRow((0..<columns).map { column in value(result, row, column, type: types[Int(column)]) })
                }
            }
        }
    }

    func executeScript(_ sql: String) async throws {
        try await core.run { [self] in
            let handle = try core.openHandle()
            copyTypes = [:]
            arrayTypes = [:]
            let result = PQexec(handle, sql)
            defer { PQclear(result) }
            try check(result)
        }
    }

    /// Batches of at least this many rows go through COPY; fewer through one INSERT, which
    /// is a single round trip.
    static let copyThreshold = 16

    /// `COPY … FROM STDIN` in text format, the fastest way into PostgreSQL. When duplicates
    /// are to be skipped and the copy meets one (a batch replayed after an uncertain
    /// commit), it is undone to a savepoint and the rows go through
    /// `INSERT … ON CONFLICT DO NOTHING` instead.
    func insert(into table: String, columns: [String], rows: [[SQLValue]], ignoringDuplicates: Bool) async throws -> Int {
        guard rows.count >= Self.copyThreshold, !columns.isEmpty else {
            return try await insertWithStatements(into: table, columns: columns, rows: rows, ignoringDuplicates: ignoringDuplicates)
        }
        do {
            return try await core.run { [self] in try copy(into: table, columns, rows, undoingDuplicates: ignoringDuplicates) }
        } catch let error as LedgerError where error.kind == .uniqueViolation && ignoringDuplicates && !isBroken {
            return try await insertWithStatements(into: table, columns: columns, rows: rows, ignoringDuplicates: true)
        }
    }

    /// Waits at most ten minutes for the lock (then `serializationFailure`, SQLSTATE 55P03).
    func withMigrationLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await execute("SET lock_timeout = '600s'", [])
        do {
            try await execute("SELECT pg_advisory_lock($1)", [.integer(Self.migrationLockKey)])
            try await execute("RESET lock_timeout", [])
        } catch {
            if !isBroken { _ = try? await execute("RESET lock_timeout", []) }
            throw error
        }
        do {
            let result = try await body()
            try await execute("SELECT pg_advisory_unlock($1)", [.integer(Self.migrationLockKey)])
            return result
        } catch {
            if !isBroken { _ = try? await execute("SELECT pg_advisory_unlock($1)", [.integer(Self.migrationLockKey)]) }
            throw error
        }
    }

    func close() async {
        await core.close()
    }

    // MARK: - On the thread

    /// Runs `sql` with bound parameters (types sent with them, values as text, bytes as
    /// binary) and hands the successful result to `body`.
    func withResult<T>(_ sql: String, _ parameters: [SQLValue], _ body: (OpaquePointer) throws -> T) throws -> T {
        let handle = try core.openHandle()
        var types: [Oid] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        var buffers: [UnsafeMutablePointer<CChar>?] = []
        types.reserveCapacity(parameters.count)
        defer { buffers.forEach { free($0) } }
        for parameter in parameters {
            let (type, text) = PostgresConnection.encode(parameter)
            types.append(type)
            if case .blob(let bytes) = parameter {
                let buffer = malloc(max(1, bytes.count))!.assumingMemoryBound(to: CChar.self)
                bytes.withUnsafeBytes { raw in
                    if let base = raw.baseAddress { memcpy(buffer, base, bytes.count) }
                }
                buffers.append(buffer)
                lengths.append(Int32(bytes.count))
                formats.append(1)
            } else {
                buffers.append(text.map { strdup($0) })
                lengths.append(0)
                formats.append(0)
            }
        }
        let values = buffers.map { UnsafePointer($0) }
        let result = PQexecParams(handle, sql, Int32(parameters.count), types, values, lengths, formats, 0)
        defer { PQclear(result) }
        try check(result)
        return try body(result!)
    }

    /// Copies `rows` in; inside a transaction and when `undoingDuplicates`, within a
    /// savepoint that a unique violation rolls back to, leaving the transaction usable.
    private func copy(into table: String, _ columns: [String], _ rows: [[SQLValue]], undoingDuplicates: Bool) throws -> Int {
        let handle = try core.openHandle()
        let savepoint = undoingDuplicates && PQtransactionStatus(handle) == PQTRANS_INTRANS
        if savepoint { try run("SAVEPOINT ailedger_copy") }
        let count: Int
        do {
            count = try copyRows(into: table, columns, rows, handle)
        } catch {
            copyTypes = [:]
            arrayTypes = [:]
            if savepoint, let error = error as? LedgerError, error.kind == .uniqueViolation {
                try run("ROLLBACK TO SAVEPOINT ailedger_copy")
            }
            throw error
        }
        if savepoint { try run("RELEASE SAVEPOINT ailedger_copy") }
        return count
    }

    /// Copies in binary when every value has its column type's binary form (looked up in
    /// the catalog, so a migrated column type is never guessed), else as text.
    private func copyRows(into table: String, _ columns: [String], _ rows: [[SQLValue]], _ handle: OpaquePointer) throws -> Int {
        let target = "\(dialect.quoteIdentifier(table)) (\(columns.map(dialect.quoteIdentifier).joined(separator: ", ")))"
        var known = copyTypes[target]
        if known == nil, let types = try columnTypes(table, columns) {
            known = types
            copyTypes[target] = types
        }
        if let types = known, PostgresCopyBinary.encodes(rows, as: types) {
            return try copyStream("COPY \(target) FROM STDIN (FORMAT binary)", handle) { send in
                var binary = PostgresCopyBinary(capacity: Self.copyChunk + (1 << 16))
                for row in rows {
                    guard binary.append(row: row, types: types) else {
                        throw LedgerError(.databaseError, "a value of \(table) has no binary form for its column")
                    }
                    if binary.bytes.count >= Self.copyChunk {
                        try send(binary.bytes[...])
                        binary.removeAll()
                    }
                }
                binary.finish()
                try send(binary.bytes[...])
            }
        }
        return try copyStream("COPY \(target) FROM STDIN", handle) { send in
            var text = PostgresCopyText()
            for (index, row) in rows.enumerated() {
                text.append(row)
                if text.bytes.count >= Self.copyChunk || index == rows.count - 1 {
                    try send(text.bytes[...])
                    text.removeAll()
                }
            }
        }
    }

    /// The bytes sent to the server at a time during a COPY.
    private static let copyChunk = 1 << 18

    /// The type OIDs of `columns` of `table`; nil if one is not found.
    private func columnTypes(_ table: String, _ columns: [String]) throws -> [Oid]? {
        let sql = "SELECT attname::text, atttypid::int8 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped"
        let types = try withResult(sql, [.text(dialect.quoteIdentifier(table))]) { result in
            Dictionary((0..<PQntuples(result)).map { row in
                (String(cString: PQgetvalue(result, row, 0)), Oid(String(cString: PQgetvalue(result, row, 1))) ?? 0)
            }, uniquingKeysWith: { first, _ in first })
        }
        let oids = columns.compactMap { types[$0] }
        return oids.count == columns.count ? oids : nil
    }

    /// Runs a `COPY … FROM STDIN`, `body` sending its data; returns the rows copied.
    private func copyStream(_ sql: String, _ handle: OpaquePointer,
                            _ body: ((ArraySlice<UInt8>) throws -> Void) throws -> Void) throws -> Int {
        let start = PQexec(handle, sql)
        defer { PQclear(start) }
        guard let start, PQresultStatus(start) == PGRES_COPY_IN else {
            try check(start)
            throw LedgerError(.databaseError, "COPY did not start")
        }
        var sending = true
        do {
            try body { chunk in
                let sent = chunk.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
                }
                guard sent == 1 else {
                    sending = false
                    throw lostConnection()
                }
            }
        } catch {
            // The server ends the copy with an error, and the connection is usable again.
            if sending, PQputCopyEnd(handle, "the client stopped the copy") == 1 {
                while let result = PQgetResult(handle) { PQclear(result) }
            }
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw lostConnection() }
        var count = 0
        var failure: (any Error)?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                count = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                do { try check(result) } catch { failure = error }
            }
        }
        if let failure { throw failure }
        return count
    }

    private func run(_ sql: String) throws {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result)
    }

    private func lostConnection() -> LedgerError {
        core.markBroken()
        let message = handle.map { String(cString: PQerrorMessage($0)) } ?? "no connection"
        return LedgerError(.connectionFailed, "the PostgreSQL connection was lost: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    private func check(_ result: OpaquePointer?) throws {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        guard status != PGRES_COMMAND_OK, status != PGRES_TUPLES_OK, status != PGRES_EMPTY_QUERY else { return }
        let connectionLost = handle.map { PQstatus($0) != CONNECTION_OK } ?? true
        if connectionLost { core.markBroken() }
        guard let result, let code = field(result, "C") else {
            let message = handle.map { String(cString: PQerrorMessage($0)) } ?? "no connection"
            throw LedgerError(.connectionFailed, "the PostgreSQL connection failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let message = field(result, "M") ?? "unknown error"
        // A server that refuses writes (25006) has been demoted to a standby, and one shutting
        // down (57P01–57P03) is going: the pool opens the next connection afresh, through the
        // URL's hosts in order, to whichever is the primary now.
        if code == "25006" || code.hasPrefix("57P") { core.markBroken() }
        if connectionLost {
            throw LedgerError(.connectionFailed, "the PostgreSQL connection was lost: \(message)", databaseCode: code)
        }
        throw LedgerError(sqlState: code, message: message)
    }

    private func field(_ result: OpaquePointer, _ code: Character) -> String? {
        PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
    }

    private func value(_ result: OpaquePointer, _ row: Int32, _ column: Int32, type: Oid) -> SQLValue {
        if PQgetisnull(result, row, column) == 1 { return .null }
        let length = Int(PQgetlength(result, row, column))
        let text = PQgetvalue(result, row, column)!.withMemoryRebound(to: UInt8.self, capacity: length) { pointer in
            String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
        }
        switch type {
        case PostgresOID.int2, PostgresOID.int4, PostgresOID.int8: return Int64(text).map(SQLValue.integer) ?? .text(text)
        case PostgresOID.float4, PostgresOID.float8: return Double(text).map(SQLValue.double) ?? .text(text)
        case PostgresOID.bool: return .bool(text == "t")
        case PostgresOID.uuid: return UUID(uuidString: text).map(SQLValue.uuid) ?? .text(text)
        case PostgresOID.timestamptz, PostgresOID.timestamp: return Timestamp.parse(text).map(SQLValue.timestamp) ?? .text(text)
        case PostgresOID.json, PostgresOID.jsonb: return .json(text)
        case PostgresOID.bytea: return PostgresConnection.decodeHexBytea(text).map(SQLValue.blob) ?? .text(text)
        default: return .text(text)
        }
    }

    /// The type sent with a parameter and its text form (nil for NULL and bytes).
    static func encode(_ value: SQLValue) -> (Oid, String?) {
        switch value {
        case .null: return (0, nil)
        case .integer(let number): return (PostgresOID.int8, String(number))
        case .double(let number): return (PostgresOID.float8, "\(number)")
        // Unknown type: the server infers it from the column (text, varchar, inet...).
        case .text(let text): return (0, text)
        case .bool(let flag): return (PostgresOID.bool, flag ? "t" : "f")
        case .uuid(let uuid): return (PostgresOID.uuid, uuid.ledgerString)
        case .timestamp(let micros): return (PostgresOID.timestamptz, Timestamp.iso8601(microseconds: micros))
        case .json(let text): return (PostgresOID.jsonb, text)
        case .blob: return (PostgresOID.bytea, nil)
        }
    }

    /// Decodes bytea's hex output (`\\x0aff`); nil for anything else.
    static func decodeHexBytea(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0 else {
            return nil
        }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: return byte - 48
            case 97...102: return byte - 87
            case 65...70: return byte - 55
            default: return nil
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity((bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }
}
