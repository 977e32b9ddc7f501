import AILedger

extension DatabaseOptions {
    /// Opens the ledger, runs `body`, and closes it whether or not `body` throws.
    func withLedger(_ body: (Ledger) async throws -> Void) async throws {
        let ledger = try await open()
        do {
            try await body(ledger)
            await ledger.close()
        } catch {
            await ledger.close()
            throw error
        }
    }
}
