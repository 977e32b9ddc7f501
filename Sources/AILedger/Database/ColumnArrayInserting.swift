/// A connection that inserts any number of rows through one statement whose text never
/// changes, each column's values bound as one array (PostgreSQL's `unnest`, MariaDB's
/// array binding): the server parses a few hundred bytes instead of a `VALUES` list per
/// few hundred rows.
package protocol ColumnArrayInserting: DatabaseConnection {
    /// Inserts `rows` of `columns` into `table` with a statement ending in `clause` (the
    /// dialect's upsert or ignore-duplicates clause), inside the caller's transaction, in
    /// the order given. No value may be bytes.
    func insertColumnArrays(into table: String, columns: [String], rows: [[SQLValue]], clause: String) async throws
}
