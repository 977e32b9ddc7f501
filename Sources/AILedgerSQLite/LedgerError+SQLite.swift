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
        case _ where code & 0xFF == SQLITE_TOOBIG: kind = .invalidRecord
        default: kind = .databaseError
        }
        self.init(kind, message, databaseCode: "SQLITE_\(code)")
    }
}
