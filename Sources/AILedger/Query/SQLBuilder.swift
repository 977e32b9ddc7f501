/// Builds one statement's text and its bound parameters together, so every value is
/// bound and every placeholder is numbered by the dialect.
struct SQLBuilder {
    let dialect: any SQLDialect
    private(set) var sql: String
    private(set) var parameters: [SQLValue] = []
    private var conditions: [String] = []
    /// The alias that `column` and `filter` qualify column names with.
    var alias: String?
    /// Columns whose text the statement searches, which it cannot do when they are encrypted.
    var searchedColumns: Set<String> = []

    init(_ dialect: any SQLDialect, _ sql: String = "", alias: String? = nil) {
        self.dialect = dialect
        self.sql = sql
        self.alias = alias
    }

    /// Binds `value` and returns its placeholder.
    mutating func bind(_ value: SQLValue) -> String {
        parameters.append(value)
        return dialect.placeholder(parameters.count)
    }

    /// `name` quoted, qualified by the current alias.
    func column(_ name: String) -> String {
        (alias.map { $0 + "." } ?? "") + dialect.quoteIdentifier(name)
    }

    /// A table name quoted, followed by its alias.
    func table(_ name: String, _ alias: String) -> String { dialect.quoteIdentifier(name) + " " + alias }

    /// Adds `column op value` to the WHERE conditions when `value` is present.
    mutating func filter(_ column: String, _ op: String, _ value: SQLValue?) {
        guard let value else { return }
        conditions.append("\(self.column(column)) \(op) \(bind(value))")
    }

    /// Adds a condition written with placeholders from `bind`.
    mutating func condition(_ text: String) { conditions.append(text) }

    /// Runs `build` against the table `alias` and returns the conditions it added, joined by
    /// AND, or nil when it added none; the builder's own conditions and alias are kept.
    mutating func conditions(on alias: String, _ build: (inout SQLBuilder) -> Void) -> String? {
        let saved = (conditions, self.alias)
        conditions = []
        self.alias = alias
        build(&self)
        let added = conditions
        (conditions, self.alias) = saved
        return added.isEmpty ? nil : added.joined(separator: " AND ")
    }

    mutating func append(_ text: String) { sql += text }

    /// Appends ` WHERE a AND b ...` for the conditions added so far.
    mutating func appendWhere() {
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        conditions.removeAll()
    }

    /// A comma-separated, quoted column list, qualified by the current alias.
    func columnList(_ columns: [String]) -> String {
        columns.map(column).joined(separator: ", ")
    }
}
