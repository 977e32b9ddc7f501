import AILedger

/// PostgreSQL's SQL: `$n` placeholders, `timestamptz`, transactional DDL.
public struct PostgresDialect: SQLDialect {
    public init() {}
    public var name: String { "postgres" }
    public func placeholder(_ index: Int) -> String { "$\(index)" }
    public var timestampType: String { "timestamptz" }
    public var maxParameters: Int { 65_535 }

    public func timeBucket(_ bucket: TimeBucket, of column: String) -> String {
        let utc = "(\(quoteIdentifier(column)) AT TIME ZONE 'UTC')"
        switch bucket {
        case .hourOfDay: return "CAST(EXTRACT(HOUR FROM \(utc)) AS integer)"
        case .hour, .day, .week, .month:
            return "to_char(date_trunc('\(bucket.rawValue)', \(utc)), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        }
    }
}
