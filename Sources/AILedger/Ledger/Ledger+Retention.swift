import Foundation

extension Ledger {
    /// Removes records older than the policy's cutoff, children before parents, archiving
    /// them first when the policy says where, in transactions of at most
    /// `policy.batchSize` rows; returns what it removed.
    ///
    /// Safe to stop at any point and run again: each batch is archived and deleted in one
    /// transaction (`.table`), or appended under a journal (`.file`), so nothing is lost and
    /// nothing archived twice. With `dryRun`, counts what would go and changes nothing.
    /// `progress` is called after each batch with the counts so far. The rollups keep
    /// counting removed records unless `policy.includeRollups` says otherwise. Where
    /// `ailedger_calls` is partitioned (`partitionCalls`), the months of calls wholly before
    /// the cutoff are dropped as tables instead of deleted row by row.
    @discardableResult
    public func applyRetention(_ policy: RetentionPolicy, dryRun: Bool = false, now: Date = Date(),
                               progress: @Sendable (RetentionReport) -> Void = { _ in }) async throws -> RetentionReport {
        try policy.validate()
        let cutoff = policy.cutoff(at: now)
        var report = RetentionReport(cutoff: cutoff, dryRun: dryRun)
        if dryRun { return try await retentionCounts(policy, report) }
        let file = RetentionJournal(archive: policy.archive)
        if let file { try await file.recover(in: self, report: &report) }
        // Whole months of calls go at once where calls are partitioned; a file archive takes
        // their rows one by one first, so only the emptied partitions are dropped, after.
        let dropsCalls = policy.kind == .calls || policy.kind == .all
        let toTable = if case .table = policy.archive { true } else { false }
        if dropsCalls && file == nil {
            try await dropCallPartitions(before: cutoff, archive: toTable, emptyOnly: false, report: &report)
            if !report.droppedPartitions.isEmpty { progress(report) }
        }
        for step in RetentionStep.steps(for: policy.kind) {
            while true {
                let ids = try await retentionBatch(step, cutoff: cutoff, limit: policy.batchSize)
                if ids.isEmpty { break }
                if let file {
                    try await file.archive(step, ids, in: self, report: &report)
                } else {
                    try await removeRetained(step, ids, archive: toTable, report: &report)
                }
                progress(report)
            }
        }
        if dropsCalls && file != nil {
            try await dropCallPartitions(before: cutoff, archive: false, emptyOnly: true, report: &report)
        }
        if policy.includeRollups {
            try await removeRollups(before: cutoff, report: &report)
            progress(report)
        }
        return report
    }

    /// Up to `limit` ids the step removes next; for interactions, fewer when their SQL
    /// statements would take a transaction past `limit` rows.
    func retentionBatch(_ step: RetentionStep, cutoff: Date, limit: Int) async throws -> [UUID] {
        var sql = SQLBuilder(dialect, "SELECT x.id FROM \(dialect.quoteIdentifier(step.table)) x WHERE ")
        sql.append(step.predicate(&sql, cutoff: .timestamp(Timestamp.microseconds(cutoff))))
        sql.append(" LIMIT \(limit)")
        let ids = try await rows(sql, access: .read).map { row in
            var reader = RowReader(row)
            return try reader.uuid()
        }
        guard step.table == Interaction.table, !ids.isEmpty else { return ids }
        var count = SQLBuilder(dialect, "SELECT interaction_id, COUNT(*) FROM \(dialect.quoteIdentifier(StoredSQLQuery.table)) WHERE interaction_id IN (")
        count.append(ids.map { count.bind(.uuid($0)) }.joined(separator: ", ") + ") GROUP BY interaction_id")
        var statements: [UUID: Int] = [:]
        for row in try await rows(count, access: .read) {
            var reader = RowReader(row)
            let id = try reader.uuid()
            statements[id] = try reader.optionalInt() ?? 0
        }
        var rows = 0
        var kept: [UUID] = []
        for id in ids {
            rows += 1 + (statements[id] ?? 0)
            if rows > limit && !kept.isEmpty { break }
            kept.append(id)
        }
        return kept
    }

    /// Deletes `ids` from the step's table in one transaction, archiving them (and an
    /// interaction's SQL statements) into the archive tables first when `archive` is set.
    func removeRetained(_ step: RetentionStep, _ ids: [UUID], archive: Bool, report: inout RetentionReport) async throws {
        let dialect = self.dialect
        func statement(_ text: String, row: String, ids: [UUID]) -> SQLBuilder {
            var sql = SQLBuilder(dialect, text)
            sql.append(" WHERE \(row).id IN (" + ids.map { sql.bind(.uuid($0)) }.joined(separator: ", ") + ")")
            sql.append(" AND " + step.childless(of: row, &sql))
            return sql
        }
        let table = dialect.quoteIdentifier(step.table), archiveTable = dialect.quoteIdentifier(step.table + "_archive")
        let statementsTable = dialect.quoteIdentifier(StoredSQLQuery.table)
        var statementArchive: SQLBuilder?, statementDelete: SQLBuilder?
        if step.table == Interaction.table {
            let archiveOfStatements = dialect.quoteIdentifier(StoredSQLQuery.table + "_archive")
            var archived = SQLBuilder(dialect, "INSERT INTO \(archiveOfStatements) SELECT * FROM \(statementsTable) q WHERE q.interaction_id IN (")
            archived.append(ids.map { archived.bind(.uuid($0)) }.joined(separator: ", ") + ")")
            archived.append(" AND NOT EXISTS (SELECT 1 FROM \(archiveOfStatements) a WHERE a.interaction_id = q.interaction_id AND a.ordinal = q.ordinal)")
            statementArchive = archived
            var deleted = SQLBuilder(dialect, "DELETE FROM \(statementsTable) WHERE interaction_id IN (")
            deleted.append(ids.map { deleted.bind(.uuid($0)) }.joined(separator: ", ") + ")")
            statementDelete = deleted
        }
        var archiveRows = statement("INSERT INTO \(archiveTable) SELECT * FROM \(table) x", row: "x", ids: ids)
        archiveRows.append(" AND NOT EXISTS (SELECT 1 FROM \(archiveTable) a WHERE a.id = x.id)")
        // A single-table DELETE takes no alias everywhere: name the table.
        let deleteRows = statement("DELETE FROM \(table)", row: table, ids: ids)
        let (insertStatements, deleteStatements, insert) = (archive ? statementArchive : nil, statementDelete, archive ? archiveRows : nil)
        let (archivedStatements, deletedStatements, archivedRows, deletedRows) = try await database.withConnection(.write) { connection in
            try await connection.transaction {
                var counts = (0, 0, 0, 0)
                if let insertStatements { counts.0 = try await connection.execute(insertStatements.sql, insertStatements.parameters) }
                if let deleteStatements { counts.1 = try await connection.execute(deleteStatements.sql, deleteStatements.parameters) }
                if let insert { counts.2 = try await connection.execute(insert.sql, insert.parameters) }
                counts.3 = try await connection.execute(deleteRows.sql, deleteRows.parameters)
                return counts
            }
        }
        if statementDelete != nil {
            report.deleted[StoredSQLQuery.table, default: 0] += deletedStatements
            if archive { report.archived[StoredSQLQuery.table, default: 0] += archivedStatements }
        }
        report.deleted[step.table, default: 0] += deletedRows
        if archive { report.archived[step.table, default: 0] += archivedRows }
    }

    /// Deletes the rollup rows of hours and days before `cutoff`.
    func removeRollups(before cutoff: Date, report: inout RetentionReport) async throws {
        for (table, column) in RollupBatch.tables {
            var sql = SQLBuilder(dialect, "DELETE FROM \(dialect.quoteIdentifier(table)) WHERE \(dialect.quoteIdentifier(column)) < ")
            sql.append(sql.bind(.timestamp(Timestamp.microseconds(cutoff))))
            let statement = sql
            let deleted = try await database.withConnection(.write) { connection in
                try await connection.execute(statement.sql, statement.parameters)
            }
            report.deleted[table, default: 0] += deleted
        }
    }

    /// What a run would remove, counted without changing anything.
    func retentionCounts(_ policy: RetentionPolicy, _ report: RetentionReport) async throws -> RetentionReport {
        var report = report
        let cutoff = SQLValue.timestamp(Timestamp.microseconds(report.cutoff))
        for table in [Call.table, Interaction.table, Conversation.table] {
            var sql = SQLBuilder(dialect, "SELECT COUNT(*) FROM \(dialect.quoteIdentifier(table)) x WHERE ")
            guard let predicate = RetentionStep.dryRunPredicate(table, kind: policy.kind, &sql, cutoff: cutoff) else { continue }
            sql.append(predicate)
            var count = try await firstRow(sql, access: .read)
            report.deleted[table] = try count.optionalInt() ?? 0
        }
        if policy.kind == .calls || policy.kind == .all {
            report.droppedPartitions = try await callPartitionsToDrop(before: report.cutoff)
        }
        return report
    }
}
