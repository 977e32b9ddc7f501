import AILedger

/// SQLite connections bind the calls the buffered writer packs.
extension SQLiteDialect: RowPacking {}
