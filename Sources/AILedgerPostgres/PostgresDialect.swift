import AILedger

/// PostgreSQL's SQL: `$n` placeholders, `timestamptz`, transactional DDL.
public struct PostgresDialect: SQLDialect {
    public init() {}
    public var name: String { "postgres" }
    public func placeholder(_ index: Int) -> String { "$\(index)" }
    public var timestampType: String { "timestamptz" }
    public var maxParameters: Int { 65_535 }
}
