/// One SQL statement an interaction ran against the application's own database, as a
/// text-to-SQL or retrieval step does (seed 004's `sql_queries`).
public struct SQLQuery: Sendable, Hashable, Codable {
    /// The statement as run, literals included. Stored as given; reports group statements
    /// by their `fingerprint`, which leaves the literals out.
    public var statement: String
    /// The database it ran against (seed 004's `database_used`).
    public var database: String?
    /// How many rows it returned or changed.
    public var resultCount: Int?
    /// How long it ran, in milliseconds.
    public var durationMs: Double?
    /// Whether it succeeded.
    public var status: Status
    /// Why it failed.
    public var errorMessage: String?

    /// Creates a statement record.
    public init(statement: String, database: String? = nil, resultCount: Int? = nil, durationMs: Double? = nil,
                status: Status = .success, errorMessage: String? = nil) {
        self.statement = statement
        self.database = database
        self.resultCount = resultCount
        self.durationMs = durationMs
        self.status = status
        self.errorMessage = errorMessage
    }
}
