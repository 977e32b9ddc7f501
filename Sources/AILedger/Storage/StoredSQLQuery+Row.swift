import Foundation

extension StoredSQLQuery: StoredRecord {
    static let stored = RecordTable<StoredSQLQuery>("ailedger_sql_queries", [
        .uuid("interaction_id", \.interactionID),
        Column(name: "ordinal", encode: { .integer(Int64($0.pointee.position)) }, decode: { $0.position = Int(try $1.int64()) }),
        .time("created_at", \.createdAt),
        .text("database_name", \.query.database),
        .text("statement", \.query.statement),
        Column(name: "fingerprint", encode: { .text($0.pointee.fingerprint) }, decode: { _, reader in reader.skip() }),
        Column(name: "fingerprint_key", encode: { .text(SQLQuery.fingerprintKey($0.pointee.fingerprint)) },
               decode: { _, reader in reader.skip() }),
        Column(name: "result_count", encode: { .optional($0.pointee.query.resultCount.map(Int64.init), SQLValue.integer) },
               decode: { $0.query.resultCount = try $1.optionalInt() }),
        .double("duration_ms", \.query.durationMs),
        .enumeration("status", \.query.status, fallback: .success),
        .text("error_message", \.query.errorMessage),
    ])

    static var blank: StoredSQLQuery {
        StoredSQLQuery(interactionID: .zero, position: 0, createdAt: Date(timeIntervalSince1970: 0), query: SQLQuery(statement: ""), fingerprint: "")
    }
}
