import AILedger
import CLibPQ

extension PostgresConnection: ColumnArrayInserting {
    /// `INSERT … SELECT * FROM unnest($1::type[], …) clause`, each parameter an array
    /// literal of one column, cast to the column's type as the catalog names it.
    func insertColumnArrays(into table: String, columns: [String], rows: [[SQLValue]], clause: String) async throws {
        guard !rows.isEmpty else { return }
        var parameters: [SQLValue] = []
        parameters.reserveCapacity(columns.count)
        for index in columns.indices {
            var literal = "{"
            literal.reserveCapacity(rows.count * 12)
            // Rollup rows share their hour or day: each time is formatted once in a row.
            var lastTime: (micros: Int64, text: String)?
            for (position, row) in rows.enumerated() {
                if position > 0 { literal.append(",") }
                if case .blob = row[index] { throw LedgerError(.invalidValue, "\(columns[index]): bytes cannot be bound in an array") }
                if case .timestamp(let micros) = row[index] {
                    if lastTime?.micros != micros { lastTime = (micros, Timestamp.iso8601(microseconds: micros)) }
                    literal.append("\"")
                    literal.append(lastTime!.text)
                    literal.append("\"")
                    continue
                }
                guard let text = Self.encode(row[index]).1 else {
                    literal.append("NULL")
                    continue
                }
                literal.append("\"")
                if text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                    for character in text.unicodeScalars {
                        if character == "\"" || character == "\\" { literal.append("\\") }
                        literal.unicodeScalars.append(character)
                    }
                } else {
                    literal.append(text)
                }
                literal.append("\"")
            }
            literal.append("}")
            parameters.append(.text(literal))
        }
        try await core.run { [self, parameters] in
            let types = try columnTypeNames(table, columns)
            let arrays = types.enumerated().map { "$\($0.offset + 1)::\($0.element)[]" }.joined(separator: ", ")
            let sql = "INSERT INTO \(dialect.quoteIdentifier(table)) (\(columns.map(dialect.quoteIdentifier).joined(separator: ", ")))"
                + " SELECT * FROM unnest(\(arrays)) \(clause)"
            do {
                try withResult(sql, parameters) { _ in }
            } catch {
                arrayTypes[table] = nil  // a migration may have changed a type
                throw error
            }
        }
    }

    /// The type names of `columns` of `table` (`bigint`, `timestamp with time zone`), looked
    /// up once per connection; on the connection's thread.
    private func columnTypeNames(_ table: String, _ columns: [String]) throws -> [String] {
        if let known = arrayTypes[table] {
            let names = columns.compactMap { known[$0] }
            if names.count == columns.count { return names }
        }
        let sql = "SELECT attname::text, format_type(atttypid, NULL) FROM pg_catalog.pg_attribute"
            + " WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped"
        let types = try withResult(sql, [.text(dialect.quoteIdentifier(table))]) { result in
            Dictionary((0..<PQntuples(result)).map { row in
                (String(cString: PQgetvalue(result, row, 0)), String(cString: PQgetvalue(result, row, 1)))
            }, uniquingKeysWith: { first, _ in first })
        }
        arrayTypes[table] = types
        let names = columns.compactMap { types[$0] }
        guard names.count == columns.count else {
            throw LedgerError(.undefinedTable, "\(table) lacks a column of \(columns.joined(separator: ", "))")
        }
        return names
    }
}
