/// Every syntax difference between databases, in one value per driver.
///
/// The core builds SQL only through a dialect; it never tests which database it is on.
/// Each requirement with a default below says what that default is.
public protocol SQLDialect: Sendable {
    /// The dialect's name (`sqlite`, `postgres`, `mysql`).
    var name: String { get }
    /// The placeholder for parameter `index` (1-based). No default: `$1` or `?`.
    func placeholder(_ index: Int) -> String
    /// Quotes an identifier. Default: double quotes.
    func quoteIdentifier(_ identifier: String) -> String
    /// The column type of a timestamp. No default.
    var timestampType: String { get }
    /// The column type of a short indexed string. Default: `VARCHAR(255)`.
    var shortTextType: String { get }
    /// Starts a transaction that will write. Default: `BEGIN`.
    var beginTransaction: String { get }
    /// Whether DDL runs inside a transaction and rolls back with it. Default: true.
    var supportsTransactionalDDL: Bool { get }
    /// The most parameters one statement may bind. Default: 32,766.
    var maxParameters: Int { get }
    /// The clause that makes an INSERT skip rows whose primary key exists.
    /// Default: `ON CONFLICT DO NOTHING`.
    func ignoreDuplicatesClause(primaryKey: String) -> String
    /// An expression giving the UTC bucket of the timestamp expression `time`, cheap to
    /// group by and ordered in time. No default.
    func timeBucketKey(_ bucket: TimeBucket, of time: String) -> String
    /// The label of the bucket key expression `key`: the bucket's start as text
    /// `YYYY-MM-DDTHH:MM:SSZ` (weeks start on Monday), or the hour 0-23 as an integer for
    /// `.hourOfDay`. No default.
    func timeBucketLabel(_ bucket: TimeBucket, key: String) -> String
    /// A condition true when the text expression `text` contains `fragment` (a placeholder),
    /// compared case-sensitively, code point by code point. No default.
    func contains(_ text: String, _ fragment: String) -> String
    /// A FROM item yielding one row per string element of the JSON array expression `array`,
    /// named `alias`, and the expression for the element's text. No default.
    func jsonArrayElements(of array: String, alias: String) -> (from: String, element: String)
    /// The text expression `text` made to sort by code point, whatever the database's
    /// collation. Default: `text` unchanged.
    func codePointOrder(_ text: String) -> String
    /// What ends an INSERT whose rows may collide on `key`, before the assignments that
    /// update the stored row instead. Default: `ON CONFLICT (key) DO UPDATE SET`.
    func upsertClause(key: [String]) -> String
    /// The value an upsert proposed for `column`, in its assignments. Default:
    /// `excluded.column`.
    func proposedValue(_ column: String) -> String
    /// The text expressions `a` and `b` joined. Default: `a || b`.
    func concatenate(_ a: String, _ b: String) -> String
    /// What ends a SELECT that locks the rows it reads until the transaction ends.
    /// Default: ` FOR UPDATE`.
    var lockingReadSuffix: String { get }
    /// A statement that, inside a transaction, keeps other transactions from writing to
    /// `table` until it ends, or nil when deleting a key range already does (InnoDB's
    /// next-key locks) or the database has one writer at a time. Default: nil.
    func writeLockStatement(table: String) -> String?
    /// Whether many rows go faster as one prepared single-row statement run per row (an
    /// in-process database, where long statements cost more to parse than round trips)
    /// than as multi-row statements. Default: false.
    var prefersSingleRowStatements: Bool { get }
    /// A non-decreasing integer expression of `value` (a number ≥ 0) that groups values
    /// into narrow ranges, when the database finds exact percentiles faster by counting
    /// the rows per range and then sorting only the ranges that hold the ranks than by
    /// sorting every row; nil to sort every row. Default: nil.
    func rankBucket(of value: String) -> String?
    /// Text to follow a table's alias in FROM that keeps the planner from grouping rows by
    /// walking `indexes` (visiting the table once per index entry), so that it scans once
    /// and groups in memory; "" when its planner needs no such hint. Default: "".
    func ignoringForGrouping(_ indexes: [String]) -> String
}

extension SQLDialect {
    public func quoteIdentifier(_ identifier: String) -> String {
        identifier.utf8.contains(UInt8(ascii: "\"")) ? "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : "\"" + identifier + "\""
    }
    public var shortTextType: String { "VARCHAR(255)" }
    public var beginTransaction: String { "BEGIN" }
    public var supportsTransactionalDDL: Bool { true }
    public var maxParameters: Int { 32_766 }
    public func ignoreDuplicatesClause(primaryKey: String) -> String { "ON CONFLICT DO NOTHING" }
    public func codePointOrder(_ text: String) -> String { text }
    public func upsertClause(key: [String]) -> String {
        "ON CONFLICT (\(key.map(quoteIdentifier).joined(separator: ", "))) DO UPDATE SET"
    }
    public func proposedValue(_ column: String) -> String { "excluded." + quoteIdentifier(column) }
    public func concatenate(_ a: String, _ b: String) -> String { "\(a) || \(b)" }
    public var lockingReadSuffix: String { " FOR UPDATE" }
    public func writeLockStatement(table: String) -> String? { nil }
    public var prefersSingleRowStatements: Bool { false }
    public func rankBucket(of value: String) -> String? { nil }
    public func ignoringForGrouping(_ indexes: [String]) -> String { "" }

    /// `INSERT INTO table (columns) VALUES (...), (...)` for `rowCount` rows, optionally
    /// skipping rows whose primary key already exists; `primaryKey` names a column of it,
    /// the first column by default.
    public func insertStatement(table: String, columns: [String], rowCount: Int,
                                ignoringDuplicates: Bool, primaryKey: String? = nil) -> String {
        var sql = "INSERT INTO \(quoteIdentifier(table)) ("
        sql += columns.map(quoteIdentifier).joined(separator: ", ")
        sql += ") VALUES "
        var index = 0
        for row in 0..<rowCount {
            if row > 0 { sql += ", " }
            sql += "("
            for column in 0..<columns.count {
                if column > 0 { sql += ", " }
                index += 1
                sql += placeholder(index)
            }
            sql += ")"
        }
        if ignoringDuplicates { sql += " " + ignoreDuplicatesClause(primaryKey: primaryKey ?? columns.first ?? "id") }
        return sql
    }
}
