import AILedger

extension TestServer {
    /// Opens a pool of three connections to the server at `url`, restarts (or kills and
    /// restarts) the server under it, and checks that at most the first call afterwards
    /// fails, with a retryable connection error, and that the ledger then works.
    public func expectRecoveryAfterRestart(url: String, drivers: [any DatabaseDriver]) async throws {
        let ledger = try await Ledger.open(url: url + "?pool_size=3", drivers: drivers)
        do {
            try await ledger.migrate()
            // Fill the pool with several open connections.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 { group.addTask { _ = try await ledger.usage() } }
                try await group.waitForAll()
            }
            try await restart()

            var failures: [LedgerError] = []
            var recovered = false
            for _ in 0..<5 where !recovered {
                do {
                    _ = try await ledger.usage()
                    recovered = true
                } catch let error as LedgerError {
                    failures.append(error)
                }
            }
            try Expect.that(recovered, "the pool did not recover: \(failures)")
            try Expect.that(failures.count <= 1, "at most the first call fails: \(failures)")
            try Expect.that(failures.allSatisfy { $0.kind == .connectionFailed && $0.isRetryable },
                            "the failure is a retryable connection error: \(failures)")
            try await ledger.record(Call(model: "after-restart"))
            try Expect.equal(try await ledger.calls(LedgerFilter(model: "after-restart")).count, 1, "recording works again")
            await ledger.close()
        } catch {
            await ledger.close()
            throw error
        }
    }
}
