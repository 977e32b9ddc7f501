import Foundation

extension Ledger {
    /// Makes a new API key named `name` with `role`; returns it and its secret, which is
    /// shown this once: only a SHA-256 hash of it is stored. Throws
    /// `LedgerError.Kind.uniqueViolation` when a key has that name already.
    public func createAPIKey(name: String, role: APIKeyRole) async throws -> (key: APIKey, secret: String) {
        try RecordValidator(record: "key").short(name, "name", required: true)
        var generator = SystemRandomNumberGenerator()
        let random = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let secret = APIKey.prefix + Data(random).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let key = APIKey(id: .v7(), name: name, role: role, createdAt: Timestamp.rounded(Date()))
        let row = key.rowValues + [.text(Self.hash(apiKey: secret))]
        _ = try await database.withConnection(.write) { connection in
            try await connection.insert(into: APIKey.table, columns: APIKey.columns + ["key_hash"], rows: [row], ignoringDuplicates: false)
        }
        return (key, secret)
    }

    /// Every API key, revoked ones included, oldest first.
    public func apiKeys() async throws -> [APIKey] {
        var sql = SQLBuilder(dialect, "SELECT " + SQLBuilder(dialect).columnList(APIKey.columns) + " FROM ")
        sql.append(sql.table(APIKey.table, "k") + " ORDER BY k.created_at, k.id")
        return try await rows(sql, access: .read).map(APIKey.init(row:))
    }

    /// Revokes the key named `name`; throws `LedgerError.Kind.notFound` when there is none.
    public func revokeAPIKey(name: String) async throws {
        var sql = SQLBuilder(dialect, "UPDATE \(dialect.quoteIdentifier(APIKey.table)) SET revoked_at = ")
        sql.append(sql.bind(.timestamp(Timestamp.microseconds(Date()))))
        sql.append(" WHERE name = \(sql.bind(.text(name))) AND revoked_at IS NULL")
        let statement = sql
        let changed = try await database.withConnection(.write) { connection in
            try await connection.execute(statement.sql, statement.parameters)
        }
        if changed == 0 { throw LedgerError(.notFound, "no key in force is named so") }
    }

    /// The key in force whose secret is `secret`, or nil.
    public func apiKey(secret: String) async throws -> APIKey? {
        guard APIKey.isWellFormed(secret) else { return nil }
        return try await apiKey(hash: Self.hash(apiKey: secret))
    }

    /// The key in force whose stored hash is `hash`, if any.
    package func apiKey(hash: String) async throws -> APIKey? {
        var sql = SQLBuilder(dialect, "SELECT " + SQLBuilder(dialect).columnList(APIKey.columns) + " FROM ")
        sql.append(sql.table(APIKey.table, "k") + " WHERE k.key_hash = \(sql.bind(.text(hash))) AND k.revoked_at IS NULL")
        return try await rows(sql, access: .read).first.map(APIKey.init(row:))
    }

    /// The stored form of a key: its SHA-256, in hex.
    package static func hash(apiKey secret: String) -> String { SHA256.hex(Array(secret.utf8)) }
}
