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
    /// None: a write transaction (`BEGIN IMMEDIATE`) holds the database's one write lock.
    public var lockingReadSuffix: String { "" }
    public var prefersSingleRowStatements: Bool { true }

    /// Times are fixed-width ISO-8601 text, so buckets are prefixes of it.
    public func timeBucketKey(_ bucket: TimeBucket, of c: String) -> String {
        switch bucket {
        case .hour: "substr(\(c), 1, 13)"
        case .day: "substr(\(c), 1, 10)"
        case .month: "substr(\(c), 1, 7)"
        case .week: "date(substr(\(c), 1, 10), '-' || ((CAST(strftime('%w', substr(\(c), 1, 10)) AS INTEGER) + 6) % 7) || ' days')"
        case .hourOfDay: "CAST(substr(\(c), 12, 2) AS INTEGER)"
        }
    }

    public func timeBucketLabel(_ bucket: TimeBucket, key: String) -> String {
        switch bucket {
        case .hour: "\(key) || ':00:00Z'"
        case .day, .week: "\(key) || 'T00:00:00Z'"
        case .month: "\(key) || '-01T00:00:00Z'"
        case .hourOfDay: key
        }
    }

    public func contains(_ text: String, _ fragment: String) -> String { "instr(\(text), \(fragment)) > 0" }

    public func jsonArrayElements(of array: String, alias: String) -> (from: String, element: String) {
        ("json_each(\(array)) AS \(alias)", "\(alias).value")
    }
}
