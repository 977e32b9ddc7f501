import Foundation

extension DatabaseConnection {
    /// Inserts the rows of `table` whose id (the first column) is not stored yet, inside
    /// the caller's transaction, and says exactly which rows it inserted: nil when it
    /// inserted them all (the usual case, one statement or COPY), else a flag per row.
    ///
    /// When some id is stored already (a replayed batch), the insert is undone to a
    /// savepoint, the stored ids are read under a lock (so no other transaction can store
    /// them meanwhile) and only the others are inserted; a row repeated within `rows`
    /// counts once. Rollups count exactly the flagged rows. A connection that is
    /// `NewRowInserting` does all this in one pass of its own, from `packed` in place of
    /// `rows` if given (for a dialect that is `RowPacking`).
    package func insertNewRows(into table: String, columns: [String], rows: [[SQLValue]],
                               packed: PackedRows? = nil) async throws -> [Bool]? {
        guard !rows.isEmpty || packed != nil else { return nil }
        if let connection = self as? any NewRowInserting {
            return try await connection.insertSkippingStoredIDs(into: table, columns: columns, rows: rows, packed: packed)
        }
        guard packed == nil else { throw LedgerError(.databaseError, "rows were packed for another kind of connection") }
        try await execute("SAVEPOINT ailedger_rows", [])
        do {
            try await insert(into: table, columns: columns, rows: rows, ignoringDuplicates: false)
            try await execute("RELEASE SAVEPOINT ailedger_rows", [])
            return nil
        } catch let error as LedgerError where error.kind == .uniqueViolation && !isBroken {
            try await execute("ROLLBACK TO SAVEPOINT ailedger_rows", [])
        }
        let ids = try rows.map { row in
            var reader = RowReader(SQLRow([row.first ?? .null]))
            return try reader.uuid()
        }
        var attempt = 0
        while true {
            attempt += 1
            var seen = try await storedIDs(Array(Set(ids)), in: table)
            let fresh = ids.map { seen.insert($0).inserted }
            let freshRows = zip(rows, fresh).compactMap { $1 ? $0 : nil }
            do {
                if !freshRows.isEmpty {
                    try await insert(into: table, columns: columns, rows: freshRows, ignoringDuplicates: false)
                }
                try await execute("RELEASE SAVEPOINT ailedger_rows", [])
                return fresh
            } catch let error as LedgerError where error.kind == .uniqueViolation && !isBroken && attempt < 5 {
                // Another transaction stored one of the ids after the read: read again.
                try await execute("ROLLBACK TO SAVEPOINT ailedger_rows", [])
            }
        }
    }

    /// Which of `ids` are stored in `table`, read with a lock until the transaction ends.
    private func storedIDs(_ ids: [UUID], in table: String) async throws -> Set<UUID> {
        var stored = Set<UUID>()
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(ids.count, start + 500)]
            var sql = SQLBuilder(dialect, "SELECT id FROM \(dialect.quoteIdentifier(table)) WHERE id IN (")
            sql.append(chunk.map { sql.bind(.uuid($0)) }.joined(separator: ", ") + ")" + dialect.lockingReadSuffix)
            for row in try await query(sql.sql, sql.parameters) {
                var reader = RowReader(row)
                stored.insert(try reader.uuid())
            }
        }
        return stored
    }
}
