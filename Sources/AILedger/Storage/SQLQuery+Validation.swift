extension SQLQuery {
    /// The most statements one interaction may carry.
    static let maxPerInteraction = 10_000

    /// Throws `LedgerError.Kind.invalidRecord` naming the first invalid field, as
    /// `<prefix>.<field>`.
    func validate(_ check: RecordValidator, _ prefix: String) throws {
        if statement.isEmpty { throw LedgerError.invalid("\(check.record).\(prefix).statement", "must not be empty") }
        try check.text(statement, "\(prefix).statement")
        try check.short(database, "\(prefix).database")
        if let resultCount, resultCount < 0 { throw LedgerError.invalid("\(check.record).\(prefix).resultCount", "must not be negative") }
        try check.milliseconds(durationMs, "\(prefix).durationMs")
        try check.text(errorMessage, "\(prefix).errorMessage")
    }
}
