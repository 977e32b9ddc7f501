import Foundation

extension Ledger {
    /// The call with `id`, or nil.
    public func call(id: UUID) async throws -> Call? {
        try await fetchOne(Call.table, Call.columns, id: id).map { opened(try Call(row: $0)) }
    }

    /// The interaction with `id`, or nil.
    public func interaction(id: UUID) async throws -> Interaction? {
        guard let interaction = try await fetchOne(Interaction.table, Interaction.columns, id: id).map(Interaction.init(row:)) else {
            return nil
        }
        return try await withSQLQueries([interaction]).first.map(opened)
    }

    /// The conversation with `id`, or nil.
    public func conversation(id: UUID) async throws -> Conversation? {
        try await fetchOne(Conversation.table, Conversation.columns, id: id).map(Conversation.init(row:))
    }

    /// The latest conversation the application calls `externalID`, or nil.
    public func conversation(externalID: String) async throws -> Conversation? {
        var sql = SQLBuilder(dialect, "SELECT ")
        sql.append(sql.columnList(Conversation.columns) + " FROM " + dialect.quoteIdentifier(Conversation.table))
        sql.filter("external_id", "=", .text(externalID))
        sql.appendWhere()
        sql.append(" ORDER BY \(sql.column("created_at")) DESC, \(sql.column("id")) DESC LIMIT 1")
        return try await rows(sql).first.map(Conversation.init(row:))
    }

    /// The registered model with `id`, or nil.
    public func model(id: UUID) async throws -> AIModel? {
        try await fetchOne(AIModel.table, AIModel.columns, id: id).map(AIModel.init(row:))
    }

    /// Calls matching `filter`, newest first, at most `limit`, starting after `cursor`
    /// (`PageCursor(after: lastCallOfThePreviousPage)`).
    public func calls(_ filter: LedgerFilter = LedgerFilter(), limit: Int = 100, after cursor: PageCursor? = nil) async throws -> [Call] {
        try await page(Call.table, Call.columns, "c", limit: limit, after: cursor) { filter.apply(toCalls: &$0) }
            .map { opened(try Call(row: $0)) }
    }

    /// Interactions matching `filter`, newest first, at most `limit`, starting after `cursor`.
    public func interactions(_ filter: LedgerFilter = LedgerFilter(), limit: Int = 100,
                             after cursor: PageCursor? = nil) async throws -> [Interaction] {
        try await withSQLQueries(page(Interaction.table, Interaction.columns, "i", limit: limit, after: cursor) {
            filter.apply(toInteractions: &$0)
        }.map(Interaction.init(row:))).map(opened)
    }

    /// Conversations matching `filter`, newest first, at most `limit`, starting after `cursor`.
    public func conversations(_ filter: LedgerFilter = LedgerFilter(), limit: Int = 100,
                              after cursor: PageCursor? = nil) async throws -> [Conversation] {
        try await page(Conversation.table, Conversation.columns, "v", limit: limit, after: cursor) { filter.apply(toConversations: &$0) }
            .map(Conversation.init(row:))
    }

    /// One newest-first keyset page of `table`, aliased `alias`, filtered by `apply`.
    private func page(_ table: String, _ columns: [String], _ alias: String, limit: Int, after cursor: PageCursor?,
                      _ apply: (inout SQLBuilder) -> Void) async throws -> [SQLRow] {
        var sql = SQLBuilder(dialect, "SELECT ", alias: alias)
        sql.append(sql.columnList(columns) + " FROM " + sql.table(table, alias))
        apply(&sql)
        sql.alias = alias
        cursor?.apply(to: &sql)
        sql.appendWhere()
        sql.append(" ORDER BY \(sql.column("created_at")) DESC, \(sql.column("id")) DESC LIMIT \(sql.bind(.integer(Int64(max(0, limit)))))")
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
