import Foundation

/// How a file archive survives a run killed at any point: before appending a batch, the
/// journal `<archive>.pending` records the file's size and the batch's ids; once the
/// append is durable it says so; once the rows are deleted it is removed. A run finding a
/// journal finishes what the last one was doing: a batch not yet appended is cut off the
/// file (its rows are still in the database and go again), an appended one is deleted.
struct RetentionJournal {
    let file: any RetentionArchiveFile

    /// The journal of `archive`'s file; nil for other archives.
    init?(archive: RetentionArchive) {
        guard case .file(let file) = archive else { return nil }
        self.file = file
    }

    var path: String { file.path + ".pending" }

    /// Finishes the batch a killed run left in the journal.
    func recover(in ledger: Ledger, report: inout RetentionReport) async throws {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        guard case .object(let entry)? = try? JSONValue(jsonText: String(decoding: data, as: UTF8.self)),
              case .int(let size)? = entry["size"], case .string(let table)? = entry["table"],
              case .array(let list)? = entry["ids"], case .bool(let appended)? = entry["appended"],
              let step = RetentionStep.allCases.first(where: { $0.table == table }) else {
            throw LedgerError(.invalidConfiguration, "the retention journal \(path) cannot be read; remove it once the archive is checked")
        }
        if appended {
            let ids = list.compactMap { value -> UUID? in if case .string(let text) = value { UUID(uuidString: text) } else { nil } }
            try await ledger.removeRetained(step, ids, archive: false, report: &report)
        } else {
            try file.truncate(to: UInt64(max(0, size)))
        }
        try FileManager.default.removeItem(atPath: path)
    }

    /// Appends the records `ids` of the step's table to the file, then deletes them.
    func archive(_ step: RetentionStep, _ ids: [UUID], in ledger: Ledger, report: inout RetentionReport) async throws {
        let lines = try await ledger.archiveLines(step.table, ids)
        try write(size: try file.size(), step.table, ids, appended: false)
        try file.append(lines)
        try write(size: 0, step.table, ids, appended: true)
        try await ledger.removeRetained(step, ids, archive: false, report: &report)
        report.archived[step.table, default: 0] += lines.count
        try FileManager.default.removeItem(atPath: path)
    }

    private func write(size: UInt64, _ table: String, _ ids: [UUID], appended: Bool) throws {
        let entry: JSONValue = ["size": .int(Int64(size)), "table": .string(table), "appended": .bool(appended),
                                "ids": .array(ids.map { .string($0.uuidString.lowercased()) })]
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(entry.jsonText.utf8)) else {
            throw LedgerError(.invalidConfiguration, "cannot write the retention journal \(path)")
        }
        if let handle = FileHandle(forWritingAtPath: temporary) {
            try handle.synchronize()
            try handle.close()
        }
        guard rename(temporary, path) == 0 else {
            throw LedgerError(.invalidConfiguration, "cannot write the retention journal \(path)")
        }
    }
}
