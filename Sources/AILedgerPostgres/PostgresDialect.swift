import AILedger

/// PostgreSQL's SQL: `$n` placeholders, `timestamptz`, transactional DDL.
public struct PostgresDialect: SQLDialect {
    public init() {}
    public var name: String { "postgres" }
    public func placeholder(_ index: Int) -> String { "$\(index)" }
    public var timestampType: String { "timestamptz" }
    public var maxParameters: Int { 65_535 }

    public func writeLockStatement(table: String) -> String? {
        "LOCK TABLE \(quoteIdentifier(table)) IN SHARE ROW EXCLUSIVE MODE"
    }

    public func timeBucketKey(_ bucket: TimeBucket, of time: String) -> String {
        let utc = "(\(time) AT TIME ZONE 'UTC')"
        switch bucket {
        case .hourOfDay: return "CAST(EXTRACT(HOUR FROM \(utc)) AS integer)"
        case .hour, .day, .week, .month: return "date_trunc('\(bucket.rawValue)', \(utc))"
        }
    }

    public func timeBucketLabel(_ bucket: TimeBucket, key: String) -> String {
        bucket == .hourOfDay ? key : "to_char(\(key), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    }

    public func contains(_ text: String, _ fragment: String) -> String { "strpos(\(text), \(fragment)) > 0" }

    public func jsonArrayElements(of array: String, alias: String) -> (from: String, element: String) {
        ("jsonb_array_elements_text(\(array)) AS \(alias)(element)", "\(alias).element")
    }

    public func codePointOrder(_ text: String) -> String { "(\(text)) COLLATE \"C\"" }
}
