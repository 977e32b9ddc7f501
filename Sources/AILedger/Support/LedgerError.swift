/// An error thrown by AILedger: a kind to switch on, and a message that says what to fix.
///
/// Messages never contain a password or the values bound to a statement; they may name a
/// table, a column, a field, a migration version or a redacted URL.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in a form code can compare and switch on. New kinds may be added
    /// in any release, so a `switch` over kinds needs a `default:` branch.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Name: String, Sendable {
            case invalidURL, unsupportedScheme, invalidRecord, invalidPrice, connectionFailed, authenticationFailed
            case uniqueViolation, foreignKeyViolation, notNullViolation, checkViolation, invalidValue
            case serializationFailure, migrationChecksumMismatch, migrationDirty, migrationInvalid, notFound
            case undefinedTable, decodingFailed, closed, invalidConfiguration, databaseError
        }
        private let name: Name
        private init(_ name: Name) { self.name = name }

        /// The kind's name, as it is written in code (`foreignKeyViolation`).
        public var description: String { name.rawValue }

        /// The connection URL could not be parsed or has an invalid option.
        public static let invalidURL = Kind(.invalidURL)
        /// No driver handles the URL's scheme (unknown, or its product is not linked).
        public static let unsupportedScheme = Kind(.unsupportedScheme)
        /// A record failed validation before reaching the database.
        public static let invalidRecord = Kind(.invalidRecord)
        /// A price, price file or provider usage payload is malformed.
        public static let invalidPrice = Kind(.invalidPrice)
        /// The database could not be reached, or the connection broke.
        public static let connectionFailed = Kind(.connectionFailed)
        /// The server refused the credentials.
        public static let authenticationFailed = Kind(.authenticationFailed)
        /// A unique or primary-key constraint rejected the row.
        public static let uniqueViolation = Kind(.uniqueViolation)
        /// A foreign-key constraint rejected the row.
        public static let foreignKeyViolation = Kind(.foreignKeyViolation)
        /// A NOT NULL constraint rejected the row.
        public static let notNullViolation = Kind(.notNullViolation)
        /// A CHECK constraint rejected the row.
        public static let checkViolation = Kind(.checkViolation)
        /// The database refused a value for its column: out of range, too long, malformed
        /// (SQLSTATE class 22 and its equivalents).
        public static let invalidValue = Kind(.invalidValue)
        /// The database was busy or the transaction lost a conflict; retrying may succeed.
        public static let serializationFailure = Kind(.serializationFailure)
        /// A migration already applied has changed since it was applied.
        public static let migrationChecksumMismatch = Kind(.migrationChecksumMismatch)
        /// A migration failed half-way and left the history dirty; `force` clears it.
        public static let migrationDirty = Kind(.migrationDirty)
        /// The migration files or history are inconsistent (missing, duplicate, unknown).
        public static let migrationInvalid = Kind(.migrationInvalid)
        /// The record asked for does not exist.
        public static let notFound = Kind(.notFound)
        /// A table the statement names does not exist: the schema is not migrated yet.
        public static let undefinedTable = Kind(.undefinedTable)
        /// A value read from the database could not be decoded.
        public static let decodingFailed = Kind(.decodingFailed)
        /// The ledger or its connection pool was closed.
        public static let closed = Kind(.closed)
        /// Options that cannot work together, such as a spill policy without an outbox.
        public static let invalidConfiguration = Kind(.invalidConfiguration)
        /// Any other error reported by the database.
        public static let databaseError = Kind(.databaseError)
    }

    /// What went wrong.
    public let kind: Kind
    /// A human-readable explanation, free of passwords and bound values.
    public let message: String
    /// Whether the same operation may succeed if tried again later.
    public let isRetryable: Bool
    /// The database's own error code (SQLSTATE, MySQL errno, SQLite extended code), when known.
    public let databaseCode: String?

    /// Creates an error of `kind` with a message.
    public init(_ kind: Kind, _ message: String, isRetryable: Bool? = nil, databaseCode: String? = nil) {
        self.kind = kind
        self.message = message
        self.isRetryable = isRetryable ?? [.connectionFailed, .serializationFailure].contains(kind)
        self.databaseCode = databaseCode
    }

    /// Whether the error concerns one record rather than the database as a whole: it
    /// failed validation, broke a unique, foreign-key, not-null or check constraint, or
    /// held a value its column refuses. The buffered writer rejects a record only for
    /// these; any other failure is retried, then spilled to the outbox.
    public var isRecordLevel: Bool {
        [.invalidRecord, .uniqueViolation, .foreignKeyViolation, .notNullViolation, .checkViolation, .invalidValue]
            .contains(kind)
    }

    public var description: String {
        let code = databaseCode.map { " [\($0)]" } ?? ""
        return "\(kind)\(code): \(message)"
    }

    package static func invalid(_ field: String, _ problem: String) -> LedgerError {
        LedgerError(.invalidRecord, "\(field): \(problem)")
    }
}
