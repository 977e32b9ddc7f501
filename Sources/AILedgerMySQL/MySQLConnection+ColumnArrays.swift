import AILedger

extension MySQLConnection: ColumnArrayInserting {
    /// The single-row `INSERT … clause` executed over the rows' column arrays (MariaDB's
    /// array binding), in chunks; multi-row statements where the server takes no arrays.
    func insertColumnArrays(into table: String, columns: [String], rows: [[SQLValue]], clause: String) async throws {
        _ = try await insertInChunks(into: table, columns: columns, rows: rows) { count in
            dialect.insertStatement(table: table, columns: columns, rowCount: count, ignoringDuplicates: false) + " " + clause
        }
    }
}
