import AILedger
import CSQLite

extension LedgerError {
    /// Maps an SQLite extended result code to a typed error, keeping SQLite's message
    /// (which names constraints and columns, never bound values).
    init(sqliteCode code: Int32, message: String) {
        // The SQLITE_CONSTRAINT_* codes are macros Swift cannot import: SQLITE_CONSTRAINT | (n << 8).
        func constraint(_ n: Int32) -> Int32 { SQLITE_CONSTRAINT | (n << 8) }
        let kind: Kind
        switch code {
        case constraint(8), constraint(6): kind = .uniqueViolation
        case constraint(3): kind = .foreignKeyViolation
        case constraint(5): kind = .notNullViolation
        case constraint(1): kind = .checkViolation
        case _ where code & 0xFF == SQLITE_BUSY, _ where code & 0xFF == SQLITE_LOCKED: kind = .serializationFailure
        case _ where code & 0xFF == SQLITE_CANTOPEN, _ where code & 0xFF == SQLITE_NOTADB: kind = .connectionFailed
        case _ where code & 0xFF == SQLITE_TOOBIG, _ where code & 0xFF == SQLITE_MISMATCH: kind = .invalidValue
        case SQLITE_ERROR where message.hasPrefix("no such table"): kind = .undefinedTable
        default: kind = .databaseError
        }
        // A full disk, a read-only or failing file: the database, not the record, is at fault.
        let transient = [SQLITE_FULL, SQLITE_IOERR, SQLITE_READONLY, SQLITE_PROTOCOL].contains(code & 0xFF)
        self.init(kind, message, isRetryable: transient ? true : nil, databaseCode: "SQLITE_\(code)")
    }
}
