/// A record type stored in one table, whose columns are listed once, by name, in `stored`.
protocol StoredRecord {
    /// The table and its columns, in the order statements name them.
    static var stored: RecordTable<Self> { get }
    /// A record every column of a row is read into.
    static var blank: Self { get }
}

extension StoredRecord {
    /// The table's name.
    static var table: String { stored.name }
    /// The columns' names.
    static var columns: [String] { stored.columnNames }

    /// The record's values, one per column.
    var rowValues: [SQLValue] { withUnsafePointer(to: self) { record in Self.stored.columns.map { $0.encode(record) } } }

    /// Appends the values of `record` to `rows` as a row of their own, one per column.
    static func pack(_ record: UnsafePointer<Self>, into rows: inout PackedRowsBuilder) {
        for column in stored.columns { column.pack(record, &rows) }
        rows.endRow()
    }

    /// Reads a row whose values follow `columns`.
    init(row: SQLRow) throws {
        var reader = RowReader(row)
        var record = Self.blank
        for column in Self.stored.columns { try column.decode(&record, &reader) }
        self = record
    }
}
