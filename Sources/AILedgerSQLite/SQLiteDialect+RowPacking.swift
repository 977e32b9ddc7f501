import AILedger

extension SQLiteDialect: RowPacking {
    /// `rows` laid out for the SQLite connection to bind from one buffer.
    package func packed(_ rows: [[SQLValue]]) -> any Sendable { SQLitePackedRows(rows) }
}
