/// Waiting for work with a time limit.
package enum Deadline {
    /// Runs `operation` in a task of its own and waits for it at most `timeout`: true when
    /// it finished in time, false when the deadline passed first (it then goes on running).
    package static func wait(_ timeout: Duration, for operation: @escaping @Sendable () async -> Void) async -> Bool {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Bool, Never>) in
            let pending = Locked<UnsafeContinuation<Bool, Never>?>(continuation)
            let timer = Task {
                // Cancelled: the operation finished first and has answered.
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                pending.withLock { $0.take() }?.resume(returning: false)
            }
            Task {
                await operation()
                pending.withLock { $0.take() }?.resume(returning: true)
                timer.cancel()
            }
        }
    }
}
