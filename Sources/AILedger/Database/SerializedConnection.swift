/// One C connection handle and the thread that owns it: the skeleton every driver's
/// connection is built on. Every call on the handle runs on that thread, in order, never on
/// Swift's cooperative pool; prepared statements are cached by their SQL; the connection
/// knows when it is closed or broken; and a connection dropped without `close()` still
/// frees its handle on its own thread.
///
/// `handle` and `cachedStatement` may be touched only inside `run`.
package final class SerializedConnection<Handle, Statement>: @unchecked Sendable {
    /// The C handle; nil before it is opened and after it is closed. Only inside `run`.
    package var handle: Handle?
    /// Objects that must outlive the handle (a callback's context, say).
    package var keepAlive: [AnyObject] = []

    private let thread: ConnectionThread
    private let what: String
    private var statements: [String: Statement] = [:]
    private let statementCacheSize: Int
    private let finalize: @Sendable (Statement) -> Void
    private let closeHandle: @Sendable (Handle) -> Void
    private let state = Locked((closed: false, broken: false))

    /// A connection to `what` (`SQLite`, `PostgreSQL`, ...) on a new thread called `thread`,
    /// a background one (see `ConnectionThread`) if `background`. `closeHandle` frees the
    /// handle, `finalize` a cached statement; both run on the thread.
    package init(_ what: String, thread name: String, background: Bool = false, statementCacheSize: Int = 64,
                 finalize: @escaping @Sendable (Statement) -> Void, closeHandle: @escaping @Sendable (Handle) -> Void) {
        self.what = what
        self.thread = ConnectionThread(name: name, background: background)
        self.statementCacheSize = statementCacheSize
        self.finalize = finalize
        self.closeHandle = closeHandle
    }

    deinit {
        // Dropped without close(): free the handle on the thread that owns it.
        guard !state.withLock({ $0.closed }) else { return }
        let resources = UnsafeTransfer((handle, Array(statements.values), keepAlive))
        let (finalize, closeHandle) = (self.finalize, self.closeHandle)
        thread.stop(after: {
            for statement in resources.value.1 { finalize(statement) }
            if let handle = resources.value.0 { closeHandle(handle) }
            withExtendedLifetime(resources.value.2) {}
        })
    }

    /// Whether the connection was closed or broke and must be discarded.
    package var isBroken: Bool { state.withLock { $0.closed || $0.broken } }

    /// Marks the connection unusable: its pool discards it.
    package func markBroken() { state.withLock { $0.broken = true } }

    /// Runs `body` on the connection's thread and returns its result.
    package func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await thread.run(body)
    }

    /// The connection's thread as a task executor: a task preferring it makes each `run`
    /// a plain call.
    package var executor: any TaskExecutor { thread }

    /// Queues `body` to run on the connection's thread without waiting; false once closed.
    @discardableResult
    package func post(_ body: @escaping @Sendable () -> Void) -> Bool {
        thread.post(body)
    }

    /// The open handle; throws `LedgerError.Kind.closed` once closed. Only inside `run`.
    package func openHandle() throws -> Handle {
        guard let handle else { throw LedgerError(.closed, "the \(what) connection is closed") }
        return handle
    }

    /// The statement prepared for `sql`, preparing it with `prepare` the first time. When
    /// the cache is full it is emptied. Only inside `run`.
    package func statement(_ sql: String, prepare: (Handle) throws -> Statement) throws -> Statement {
        if let statement = statements[sql] { return statement }
        let statement = try prepare(try openHandle())
        if statements.count >= statementCacheSize {
            for cached in statements.values { finalize(cached) }
            statements.removeAll()
        }
        statements[sql] = statement
        return statement
    }

    /// Finalizes and forgets the statement cached for `sql`, if any, so that the next
    /// `statement(_:prepare:)` prepares it again. Only inside `run`.
    package func forgetStatement(_ sql: String) {
        if let statement = statements.removeValue(forKey: sql) { finalize(statement) }
    }

    /// Finalizes the cached statements, frees the handle and ends the thread; once.
    package func close() async {
        let wasClosed = state.withLock { state in
            defer { state.closed = true }
            return state.closed
        }
        guard !wasClosed else { return }
        _ = try? await thread.run { [self] in
            for statement in statements.values { finalize(statement) }
            statements.removeAll()
            if let handle { closeHandle(handle) }
            handle = nil
            keepAlive.removeAll()
        }
        thread.stop()
    }
}
