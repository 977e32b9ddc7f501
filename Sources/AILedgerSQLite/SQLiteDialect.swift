import AILedger

/// SQLite's SQL: `?NNN` placeholders, timestamps as fixed-width ISO-8601 text, and
/// `BEGIN IMMEDIATE` so a writer takes the write lock before it reads.
public struct SQLiteDialect: SQLDialect {
    public init() {}
    public var name: String { "sqlite" }
    public func placeholder(_ index: Int) -> String { "?\(index)" }
    public var timestampType: String { "TEXT" }
    public var shortTextType: String { "TEXT" }
    public var beginTransaction: String { "BEGIN IMMEDIATE" }
    public var maxParameters: Int { 32_766 }
}
