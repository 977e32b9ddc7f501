import AILedger
import CSQLite

/// Checkpoints a WAL database from a connection and thread of its own, so that the
/// writer's commits do not wait while committed pages are copied into the database file.
///
/// The writer's WAL hook calls `committed(walPages:)` after each commit. Past
/// `backgroundPages` the checkpointer copies what it can in the background (PASSIVE: it
/// never blocks the writer or readers), while the writer goes on with its next
/// transaction on another core. Past `writerPages` (the URL's `wal_mib`) the writer
/// checkpoints on its own thread, as SQLite does by default: that bounds the WAL under a
/// writer that never pauses (a WAL starts over only when all of it is copied), and is
/// cheap then, because the background checkpoints have copied most of it.
///
/// Its thread runs in the background (see `ConnectionThread`): on a machine short of
/// cores it yields to the writer's thread, which the records wait on, and to the
/// application's; nothing waits on a background checkpoint, and the WAL bound holds
/// however far behind it falls.
final class SQLiteCheckpointer: @unchecked Sendable {
    /// SQLite's own automatic checkpoint threshold, in pages.
    static let backgroundPages: Int32 = 1_000
    /// The WAL size, in pages, beyond which the writer checkpoints itself: set once, when
    /// the checkpointer opens, before any commit calls it.
    private var writerPages: Int32 = .max

    private let core = SerializedConnection<OpaquePointer, Never>("SQLite", thread: "sqlite checkpt", background: true,
                                                                   statementCacheSize: 0,
                                                                   finalize: { _ in }, closeHandle: { sqlite3_close_v2($0) })
    private let scheduled = Locked(false)

    private init() {}

    /// Opens a second connection to the database file at `path`; the writer checkpoints
    /// itself once the WAL holds `walBytes`.
    static func open(path: String, busyTimeoutMs: Int, walBytes: Int) async throws -> SQLiteCheckpointer {
        let checkpointer = SQLiteCheckpointer()
        let pageSize = try await checkpointer.core.run {
            var db: OpaquePointer?
            let code = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
            checkpointer.core.handle = db
            guard code == SQLITE_OK else {
                throw LedgerError(.connectionFailed, "cannot open SQLite database '\(path)' to checkpoint it",
                                  isRetryable: false, databaseCode: "SQLITE_\(code)")
            }
            sqlite3_busy_timeout(db, Int32(busyTimeoutMs))
            // A first read opens the WAL; until then a checkpoint has nothing to do.
            let read = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nil, nil, nil)
            guard read == SQLITE_OK else {
                throw LedgerError(.connectionFailed, "cannot read SQLite database '\(path)' to checkpoint it",
                                  isRetryable: false, databaseCode: "SQLITE_\(read)")
            }
            var statement: OpaquePointer?
            defer { sqlite3_finalize(statement) }
            guard sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &statement, nil) == SQLITE_OK,
                  sqlite3_step(statement) == SQLITE_ROW else { return 4_096 }
            return Int(sqlite3_column_int64(statement, 0))
        }
        checkpointer.writerPages = Int32(clamping: max(1, walBytes / max(pageSize, 512)))
        return checkpointer
    }

    /// Called on the writer's thread after each commit, with the WAL's size in pages.
    func committed(_ writer: OpaquePointer?, walPages: Int32) {
        if walPages >= writerPages {
            sqlite3_wal_checkpoint_v2(writer, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            return
        }
        guard walPages >= Self.backgroundPages, scheduled.withLock({ (was: inout Bool) in
            defer { was = true }
            return !was
        }) else { return }
        core.post { [self] in
            scheduled.withLock { $0 = false }
            // Busy or failed is harmless: the next commit asks again.
            sqlite3_wal_checkpoint_v2(core.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        }
    }

    /// Closes the connection and ends the thread.
    func close() async {
        await core.close()
    }
}
