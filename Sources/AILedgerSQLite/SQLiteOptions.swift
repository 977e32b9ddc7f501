import AILedger

/// What a `sqlite:` URL asks for.
struct SQLiteOptions: Sendable {
    var path: String
    var readers = 4
    var busyTimeoutMs = 5_000
    var synchronous = "FULL"
    /// The writing connection's page cache in MiB. SQLite's default, 2 MiB, is smaller than
    /// what a batch of inserts keeps touching (the pages of seven indexes of the calls table
    /// and of the rollups), which it then reads back from the WAL or spills early.
    var writerCacheMiB = 64
    /// How much memory a transaction's changed pages may take before SQLite writes some of
    /// them to the WAL mid-transaction: twice the cache (clean pages stay within the cache).
    /// A batch of 20,000 realistic calls changes about 75 MB of pages; spilling at 64 MiB,
    /// each such batch spilled 7,700-9,500 pages (30-37 MB) early, to write them again at
    /// commit and read back those it needed meanwhile.
    var writerSpillBytes: Int { 2 * writerCacheMiB << 20 }
    /// The WAL's size in MiB past which the writing connection checkpoints on its own
    /// thread (below it, a second connection checkpoints in the background while the writer
    /// goes on), and the size the WAL file is cut back to when it starts over. Large enough
    /// for a few batches of realistic calls (about 90 MB each): with 32 MiB, every batch
    /// made the writer copy it into the database file itself, and the file was cut back
    /// and grown again each time.
    var walMiB = 256

    var isMemory: Bool { path == ":memory:" }

    init(url: DatabaseURL) throws {
        if url.hasAuthority {
            path = (url.host ?? "") + url.path
        } else {
            path = url.path
        }
        guard !path.isEmpty else {
            throw LedgerError(.invalidURL, "'\(url)' names no database file; use sqlite:///absolute/path.db, sqlite://relative/path.db or sqlite::memory:")
        }
        if path.hasPrefix(":") && !isMemory {
            throw LedgerError(.invalidURL, "'\(url)' is not understood; the in-memory database is written sqlite::memory:")
        }
        readers = try url.intQuery("pool_size", in: 1...64) ?? readers
        busyTimeoutMs = try url.intQuery("busy_timeout", in: 0...600_000) ?? busyTimeoutMs
        if let mode = url.query("synchronous") {
            guard ["full", "normal"].contains(mode.lowercased()) else {
                throw LedgerError(.invalidURL, "query parameter 'synchronous' must be full or normal")
            }
            synchronous = mode.uppercased()
        }
        writerCacheMiB = try url.intQuery("cache_mib", in: 1...65_536) ?? writerCacheMiB
        walMiB = try url.intQuery("wal_mib", in: 1...65_536) ?? walMiB
        let known: Set = ["pool_size", "busy_timeout", "synchronous", "cache_mib", "wal_mib"]
        if let unknown = url.queryItems.first(where: { !known.contains($0.name) }) {
            throw LedgerError(.invalidURL, "unknown query parameter '\(unknown.name)' for sqlite; known: pool_size, busy_timeout, synchronous, cache_mib, wal_mib")
        }
    }
}
