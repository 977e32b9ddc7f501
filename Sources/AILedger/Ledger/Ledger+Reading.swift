import Foundation

extension Ledger {
    /// The call with `id`, or nil.
    public func call(id: UUID) async throws -> Call? {
        try await fetchOne(Call.table, Call.columns, id: id).map(Call.init(row:))
    }

    /// The interaction with `id`, or nil.
    public func interaction(id: UUID) async throws -> Interaction? {
        try await fetchOne(Interaction.table, Interaction.columns, id: id).map(Interaction.init(row:))
    }

    /// The conversation with `id`, or nil.
    public func conversation(id: UUID) async throws -> Conversation? {
        try await fetchOne(Conversation.table, Conversation.columns, id: id).map(Conversation.init(row:))
    }

    /// The registered model with `id`, or nil.
    public func model(id: UUID) async throws -> AIModel? {
        try await fetchOne(AIModel.table, AIModel.columns, id: id).map(AIModel.init(row:))
    }

    /// Calls matching `filter`, newest first, at most `limit`, starting after `cursor`
    /// (`PageCursor(after: lastCallOfThePreviousPage)`).
    public func calls(_ filter: CallFilter = CallFilter(), limit: Int = 100, after cursor: PageCursor? = nil) async throws -> [Call] {
        var sql = SQLBuilder(dialect, "SELECT ")
        sql.append(sql.columnList(Call.columns) + " FROM " + dialect.quoteIdentifier(Call.table))
        filter.apply(to: &sql)
        cursor?.apply(to: &sql)
        return try await newestFirst(sql, limit: limit).map(Call.init(row:))
    }

    /// Interactions matching `filter`, newest first, at most `limit`, starting after `cursor`.
    public func interactions(_ filter: InteractionFilter = InteractionFilter(), limit: Int = 100,
                             after cursor: PageCursor? = nil) async throws -> [Interaction] {
        var sql = SQLBuilder(dialect, "SELECT ")
        sql.append(sql.columnList(Interaction.columns) + " FROM " + dialect.quoteIdentifier(Interaction.table))
        filter.apply(to: &sql)
        cursor?.apply(to: &sql)
        return try await newestFirst(sql, limit: limit).map(Interaction.init(row:))
    }

    private func newestFirst(_ builder: SQLBuilder, limit: Int) async throws -> [SQLRow] {
        var sql = builder
        sql.appendWhere()
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT \(sql.bind(.integer(Int64(max(0, limit)))))")
        return try await rows(sql)
    }

    private func fetchOne(_ table: String, _ columns: [String], id: UUID) async throws -> SQLRow? {
        var sql = SQLBuilder(dialect, "SELECT ")
        sql.append(sql.columnList(columns) + " FROM " + dialect.quoteIdentifier(table))
        sql.filter("id", "=", .uuid(id))
        sql.appendWhere()
        return try await rows(sql).first
    }
}
