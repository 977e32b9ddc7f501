/// Builds one statement's text and its bound parameters together, so every value is
/// bound and every placeholder is numbered by the dialect.
struct SQLBuilder {
    let dialect: any SQLDialect
    private(set) var sql: String
    private(set) var parameters: [SQLValue] = []
    private var conditions: [String] = []

    init(_ dialect: any SQLDialect, _ sql: String = "") {
        self.dialect = dialect
        self.sql = sql
    }

    /// Binds `value` and returns its placeholder.
    mutating func bind(_ value: SQLValue) -> String {
        parameters.append(value)
        return dialect.placeholder(parameters.count)
    }

    /// Adds `column op value` to the WHERE conditions when `value` is present.
    mutating func filter(_ column: String, _ op: String, _ value: SQLValue?) {
        guard let value else { return }
        conditions.append("\(dialect.quoteIdentifier(column)) \(op) \(bind(value))")
    }

    /// Adds a condition written with placeholders from `bind`.
    mutating func condition(_ text: String) { conditions.append(text) }

    mutating func append(_ text: String) { sql += text }

    /// Appends ` WHERE a AND b ...` for the conditions added so far.
    mutating func appendWhere() {
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        conditions.removeAll()
    }

    /// A comma-separated, quoted column list.
    func columnList(_ columns: [String]) -> String {
        columns.map(dialect.quoteIdentifier).joined(separator: ", ")
    }
}
