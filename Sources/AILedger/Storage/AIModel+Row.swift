extension AIModel {
    static let table = "ailedger_models"

    /// The stored columns, in the order of `rowValues` and `init(row:)`.
    static let columns = ["id", "name", "version", "provider", "metadata", "created_at"]

    var rowValues: [SQLValue] {
        [.uuid(id), .text(name), .text(version), .text(provider), .json(JSONValue.object(metadata).jsonText),
         .timestamp(Timestamp.microseconds(createdAt))]
    }

    init(row: SQLRow) throws {
        var r = RowReader(row)
        self.init(id: try r.uuid(), name: try r.string(), version: try r.string(), provider: try r.string(),
                  metadata: try r.jsonObject(), createdAt: try r.date())
    }
}
