import Foundation

extension APIKey: StoredRecord {
    /// Key hashes are written apart from the record, once: see `Ledger.createAPIKey`.
    static let stored = RecordTable<APIKey>("ailedger_api_keys", [
        .uuid("id", \.id), .text("name", \.name), .enumeration("role", \.role, fallback: .read),
        .time("created_at", \.createdAt),
        Column(name: "revoked_at", encode: { .optional($0.pointee.revokedAt.map(Timestamp.microseconds), SQLValue.timestamp) },
               decode: { $0.revokedAt = try $1.optionalDate() }),
    ])

    static var blank: APIKey { APIKey(id: .zero, name: "", role: .read, createdAt: Date(timeIntervalSince1970: 0)) }
}
