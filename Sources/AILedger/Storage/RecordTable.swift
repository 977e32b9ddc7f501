/// A table and the columns a record type is stored in.
struct RecordTable<Record>: Sendable {
    /// The table's name.
    let name: String
    /// The columns, in the order statements name them.
    let columns: [Column<Record>]
    /// The columns' names, in the same order.
    let columnNames: [String]

    init(_ name: String, _ columns: [Column<Record>]) {
        self.name = name
        self.columns = columns
        columnNames = columns.map(\.name)
    }
}
