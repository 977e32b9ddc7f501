/// A connection that can insert rows whose id is not stored yet and say which it
/// inserted, in one pass and without a savepoint (SQLite: a savepoint there journals
/// every page the insert touches).
package protocol NewRowInserting: DatabaseConnection {
    /// Inserts the rows of `table` whose id (the first column) is not stored yet, inside
    /// the caller's transaction: nil when it inserted them all, else a flag per row. Only
    /// a repeated id is skipped; any other constraint still fails the insert. `packed`, if
    /// given, holds the rows in place of `rows`, which is empty (see `RowPacking`).
    func insertSkippingStoredIDs(into table: String, columns: [String], rows: [[SQLValue]], packed: PackedRows?) async throws -> [Bool]?
}
