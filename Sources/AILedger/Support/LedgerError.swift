/// An error thrown by AILedger: a kind to switch on, and a message that says what to fix.
///
/// Messages never contain a password or the values bound to a statement; they may name a
/// table, a column, a field, a migration version or a redacted URL.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in a form code can switch on.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The connection URL could not be parsed or has an invalid option.
        case invalidURL
        /// No driver handles the URL's scheme (unknown, or its product is not linked).
        case unsupportedScheme
        /// A record failed validation before reaching the database.
        case invalidRecord
        /// A price, price file or provider usage payload is malformed.
        case invalidPrice
        /// The database could not be reached, or the connection broke.
        case connectionFailed
        /// The server refused the credentials.
        case authenticationFailed
        /// A unique or primary-key constraint rejected the row.
        case uniqueViolation
        /// A foreign-key constraint rejected the row.
        case foreignKeyViolation
        /// A NOT NULL constraint rejected the row.
        case notNullViolation
        /// A CHECK constraint rejected the row.
        case checkViolation
        /// The database was busy or the transaction lost a conflict; retrying may succeed.
        case serializationFailure
        /// A migration already applied has changed since it was applied.
        case migrationChecksumMismatch
        /// A migration failed half-way and left the history dirty; `force` clears it.
        case migrationDirty
        /// The migration files or history are inconsistent (missing, duplicate, unknown).
        case migrationInvalid
        /// The record asked for does not exist.
        case notFound
        /// A value read from the database could not be decoded.
        case decodingFailed
        /// The ledger or its connection pool was closed.
        case closed
        /// Options that cannot work together, such as a spill policy without an outbox.
        case invalidConfiguration
        /// Any other error reported by the database.
        case databaseError
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

    public var description: String {
        let code = databaseCode.map { " [\($0)]" } ?? ""
        return "\(kind.rawValue)\(code): \(message)"
    }

    static func invalid(_ field: String, _ problem: String) -> LedgerError {
        LedgerError(.invalidRecord, "\(field): \(problem)")
    }
}
