/// A bounded pool of connections: hands one out per task, opens new ones up to a limit,
/// and replaces a connection that reports itself broken.
public actor ConnectionPool {
    private let maxConnections: Int
    private let connect: @Sendable () async throws -> any DatabaseConnection
    private var idle: [any DatabaseConnection] = []
    private var open = 0
    private var waiters: [CheckedContinuation<(any DatabaseConnection)?, Never>] = []
    private var closed = false

    /// Creates a pool of at most `maxConnections`, holding `initial` already open and
    /// opening more on demand with `connect`.
    public init(maxConnections: Int, initial: [any DatabaseConnection] = [],
                connect: @escaping @Sendable () async throws -> any DatabaseConnection) {
        self.maxConnections = max(1, maxConnections)
        self.connect = connect
        self.idle = initial
        self.open = initial.count
    }

    /// Borrows a connection, waiting for one when all are in use.
    package func lease() async throws -> any DatabaseConnection {
        while true {
            guard !closed else { throw LedgerError(.closed, "the connection pool is closed") }
            if let connection = idle.popLast() {
                if connection.isBroken {
                    open -= 1
                    await connection.close()
                    continue
                }
                return connection
            }
            if open < maxConnections {
                open += 1
                do {
                    return try await connect()
                } catch {
                    open -= 1
                    wakeOne(with: nil)
                    throw error
                }
            }
            if let handed = await withCheckedContinuation({ waiters.append($0) }) {
                return handed
            }
        }
    }

    /// Returns a borrowed connection; a broken one is closed and its slot freed.
    ///
    /// A broken connection usually means the server went away, so the idle connections
    /// opened before it are closed too: the next lease opens a fresh one.
    package func release(_ connection: any DatabaseConnection) async {
        if closed || connection.isBroken {
            let stale = connection.isBroken ? idle : []
            if connection.isBroken { idle.removeAll() }
            open -= 1 + stale.count
            await connection.close()
            for other in stale { await other.close() }
            wakeOne(with: nil)
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    /// Borrows a connection while `body` runs.
    ///
    /// `body` runs on the connection's own thread when it has one (`ThreadBoundConnection`),
    /// so that its database calls are plain calls rather than trips to that thread. Its
    /// child tasks run there too: give heavy work of its own
    /// `executorPreference: globalConcurrentExecutor`.
    public nonisolated func withConnection<T: Sendable>(_ body: @Sendable (any DatabaseConnection) async throws -> T) async throws -> T {
        let connection = try await lease()
        do {
            let result = if let bound = connection as? any ThreadBoundConnection {
                try await withTaskExecutorPreference(bound.executor) { try await body(connection) }
            } else {
                try await body(connection)
            }
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Closes idle connections now and borrowed ones as they come back.
    public func close() async {
        closed = true
        let connections = idle
        idle.removeAll()
        open -= connections.count
        for connection in connections { await connection.close() }
        let pending = waiters
        waiters.removeAll()
        for waiter in pending { waiter.resume(returning: nil) }
    }

    /// Wakes one waiter so it retries (a slot was freed), or hands it a connection.
    private func wakeOne(with connection: (any DatabaseConnection)?) {
        guard !waiters.isEmpty else { return }
        waiters.removeFirst().resume(returning: connection)
    }
}
