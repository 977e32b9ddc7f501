/// A connection that inserts any number of rows with one statement whose text never
/// changes, each column's values bound as one array (PostgreSQL's `unnest`): the server
/// parses and plans a few hundred bytes instead of a `VALUES` list per few hundred rows.
package protocol ColumnArrayInserting: DatabaseConnection {
    /// Inserts `rows` of `columns` into `table` in one statement ending in `clause` (an
    /// `ON CONFLICT …` clause naming the stored row as the table and the new one as
    /// `excluded`), inside the caller's transaction, in the order given. No value may be
    /// bytes.
    func insertColumnArrays(into table: String, columns: [String], rows: [[SQLValue]], clause: String) async throws
}
