import Foundation

extension Ledger {
    /// Counts, for every encryptable field of calls and interactions, the values sealed
    /// under each key and those stored in clear, reading the tables in pages of `pageSize`
    /// rows; `progress` is called after each page.
    public func encryptionStatus(pageSize: Int = 5_000, progress: @Sendable (EncryptionStatus) -> Void = { _ in }) async throws -> EncryptionStatus {
        var status = EncryptionStatus()
        for table in [Call.table, Interaction.table] {
            try await scanEncryptable(table, pageSize: pageSize) { rows in
                for (_, values) in rows {
                    status.rows += 1
                    for (field, value) in values {
                        switch Self.storedForm(value, field) {
                        case .sealed(let sealed)?: status.sealed[sealed.keyID, default: [:]][table, default: 0] += 1
                        case .plain?: status.plaintext[table, default: 0] += 1
                        case nil: break
                        }
                    }
                }
                progress(status)
            }
        }
        return status
    }

    /// Re-seals every value sealed under another key with `keyID`, and seals the values of
    /// the ledger's encrypted fields still stored in clear, a transaction per page of
    /// `pageSize` rows; returns how many values it sealed. Safe while records are being
    /// written, and to stop and run again: values already under `keyID` are left alone.
    ///
    /// Throws `LedgerError.Kind.invalidConfiguration` when the ledger has no encryption,
    /// its keyring lacks `keyID`, or a value is sealed under a key the keyring lacks.
    @discardableResult
    public func rotateEncryption(to keyID: String, pageSize: Int = 1_000,
                                 progress: @Sendable (EncryptionStatus) -> Void = { _ in }) async throws -> Int {
        guard let encryption else {
            throw LedgerError(.invalidConfiguration, "rotation needs the ledger opened with its encryption keys")
        }
        guard encryption.cipher.hasKey(keyID) else {
            throw LedgerError(.invalidConfiguration, "the encryption keyring has no key '\(keyID)' to rotate to")
        }
        var resealed = 0
        var status = EncryptionStatus()
        for table in [Call.table, Interaction.table] {
            let fields = EncryptedField.fields(of: table)
            let update = "UPDATE \(dialect.quoteIdentifier(table)) SET "
                + fields.enumerated().map { "\(dialect.quoteIdentifier($1.column)) = \(dialect.placeholder($0 + 1))" }.joined(separator: ", ")
                + " WHERE id = \(dialect.placeholder(fields.count + 1))"
            try await scanEncryptable(table, pageSize: pageSize) { rows in
                var changes: [[SQLValue]] = []
                for (id, values) in rows {
                    status.rows += 1
                    var row: [SQLValue] = []
                    var changed = false
                    for (field, value) in values {
                        var plaintext: String?
                        switch Self.storedForm(value, field) {
                        case .sealed(let sealed)? where sealed.keyID != keyID:
                            guard encryption.cipher.hasKey(sealed.keyID),
                                  let opened = FieldEncryption.open(sealed, table: table, column: field.column, id: id, with: encryption.cipher) else {
                                throw LedgerError(.invalidConfiguration,
                                                  "\(table).\(field.column) of \(id.uuidString.lowercased()) is sealed under key '\(sealed.keyID)', which the keyring cannot open")
                            }
                            plaintext = opened
                        case .plain? where encryption.fields.contains(field):
                            plaintext = Self.text(of: value)
                        default:
                            break
                        }
                        guard let plaintext else {
                            row.append(value)
                            continue
                        }
                        let sealed = try encryption.seal(text: plaintext, column: field.column, table: table, id: id, keyID: keyID)
                        switch field.storage {
                        case .text: row.append(.text(sealed))
                        case .json: row.append(.json(JSONValue.string(sealed).jsonText))
                        case .object: row.append(.json(JSONValue.object(["encrypted": .string(sealed)]).jsonText))
                        }
                        changed = true
                        resealed += 1
                    }
                    if changed { changes.append(row + [.uuid(id)]) }
                }
                if !changes.isEmpty {
                    let sets = changes
                    try await database.withConnection(.write) { connection in
                        try await connection.transaction { try await connection.executeEach(update, sets) }
                    }
                }
                status.sealed[keyID, default: [:]][table, default: 0] = resealed
                progress(status)
            }
        }
        return resealed
    }

    /// How a stored value is kept: sealed, in clear, or absent (NULL, empty metadata).
    enum StoredForm { case sealed(SealedValue), plain }

    static func storedForm(_ value: SQLValue, _ field: EncryptedField) -> StoredForm? {
        guard let text = text(of: value) else { return nil }
        let sealed: SealedValue?
        switch field.storage {
        case .text: sealed = SealedValue(text)
        case .json: sealed = FieldEncryption.sealedJSON(text)
        case .object:
            if text == "{}" || text.filter({ !$0.isWhitespace }) == "{}" { return nil }
            sealed = FieldEncryption.sealedObject(text)
        }
        return sealed.map(StoredForm.sealed) ?? .plain
    }

    static func text(of value: SQLValue) -> String? {
        switch value {
        case .text(let text), .json(let text): text
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        default: nil
        }
    }

    /// Reads `table`'s encryptable columns in id order, a page at a time.
    private func scanEncryptable(_ table: String, pageSize: Int,
                                 _ body: ([(UUID, [(EncryptedField, SQLValue)])]) async throws -> Void) async throws {
        let fields = EncryptedField.fields(of: table)
        var after: UUID?
        while true {
            var sql = SQLBuilder(dialect, "SELECT id, " + fields.map { dialect.quoteIdentifier($0.column) }.joined(separator: ", ")
                                 + " FROM \(dialect.quoteIdentifier(table))")
            if let after { sql.append(" WHERE id > " + sql.bind(.uuid(after))) }
            sql.append(" ORDER BY id LIMIT \(max(1, pageSize))")
            let rows = try await self.rows(sql, access: .read).map { row -> (UUID, [(EncryptedField, SQLValue)]) in
                var reader = RowReader(row)
                return (try reader.uuid(), Array(zip(fields, row.values.dropFirst())))
            }
            guard let last = rows.last else { return }
            try await body(rows)
            after = last.0
            if rows.count < pageSize { return }
        }
    }
}
