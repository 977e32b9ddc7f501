import Foundation

extension Ledger {
    /// Writes every `kind` record matching `filter`, newest first, in `format`, handing
    /// `write` one chunk per page of `pageSize` records; returns how many were written.
    ///
    /// Pages are read with keyset cursors, so memory stays bounded by one page however
    /// many records match, and records added during the export do not shift it.
    @discardableResult
    public func export(_ kind: RecordKind, _ filter: LedgerFilter = LedgerFilter(), format: ExportFormat,
                       pageSize: Int = 1_000, to write: (String) async throws -> Void) async throws -> Int {
        let size = max(1, pageSize)
        var cursor: PageCursor?
        var written = 0
        func emit(_ columns: [String], _ rows: [[SQLValue]]) async throws {
            if written == 0 { try await write(format.header(columns)) }
            guard !rows.isEmpty else { return }
            try await write(rows.map { format.line(columns, $0) }.joined())
            written += rows.count
        }
        repeat {
            switch kind {
            case .calls:
                let page = try await calls(filter, limit: size, after: cursor)
                try await emit(Call.columns, page.map(\.rowValues))
                cursor = page.count == size ? page.last.map(PageCursor.init(after:)) : nil
            case .interactions:
                let page = try await interactions(filter, limit: size, after: cursor)
                try await emit(Interaction.columns, page.map(\.rowValues))
                cursor = page.count == size ? page.last.map(PageCursor.init(after:)) : nil
            case .conversations:
                let page = try await conversations(filter, limit: size, after: cursor)
                try await emit(Conversation.columns, page.map(\.rowValues))
                cursor = page.count == size ? page.last.map(PageCursor.init(after:)) : nil
            }
        } while cursor != nil
        return written
    }
}
