import Foundation

extension SQLQuery {
    /// Reads one statement of an interaction's `sql_queries`: a string (the statement
    /// alone) or an object with `statement`, `database`, `result_count`, `duration_ms`,
    /// `status` and `error_message` (`status` is `error` when only `error_message` is
    /// given). `database` defaults to `database`. Errors name the field as
    /// `sql_queries[INDEX].FIELD`.
    init(json: JSONValue, index: Int, database: String?) throws {
        let prefix = "sql_queries[\(index)]"
        if case .string(let statement) = json {
            self.init(statement: statement, database: database)
            return
        }
        do {
            var r = try JSONObjectReader(json, what: prefix)
            let statement = try r.string("statement")
            let errorMessage = try r.string("error_message")
            self.init(statement: statement ?? "", database: try r.string("database") ?? database,
                      resultCount: try r.count("result_count").map { Int(clamping: $0) }, durationMs: try r.number("duration_ms"),
                      status: try r.enumeration("status", Status.self) ?? (errorMessage == nil ? .success : .error),
                      errorMessage: errorMessage)
            try r.refuseUnknownFields()
            if statement == nil { throw LedgerError.invalid("statement", "is required") }
        } catch let error as LedgerError where error.kind == .invalidRecord && !error.message.hasPrefix(prefix) {
            throw LedgerError(error.kind, "\(prefix).\(error.message)")
        }
    }

    /// The statement's JSON form, as `init(json:index:database:)` reads it.
    public var json: JSONValue {
        var fields: [String: JSONValue] = ["statement": .string(statement), "status": .string(status.rawValue)]
        if let database { fields["database"] = .string(database) }
        if let resultCount { fields["result_count"] = .int(Int64(resultCount)) }
        if let durationMs { fields["duration_ms"] = .double(durationMs) }
        if let errorMessage { fields["error_message"] = .string(errorMessage) }
        return .object(fields)
    }
}
