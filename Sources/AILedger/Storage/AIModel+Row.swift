import Foundation

extension AIModel: StoredRecord {
    static let stored = RecordTable<AIModel>("ailedger_models", [
        .uuid("id", \.id), .text("name", \.name), .text("version", \.version), .text("provider", \.provider),
        .object("metadata", \.metadata), .time("created_at", \.createdAt),
    ])

    static var blank: AIModel { AIModel(id: .zero, name: "", version: "", provider: "", createdAt: Date(timeIntervalSince1970: 0)) }
}
