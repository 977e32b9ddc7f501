import AILedger
import Foundation

/// Two `ailedger serve` processes on one database, each with its own outbox, as behind a
/// load balancer: both ingest at once, every call is stored once and counted once in the
/// shared rollups, a key made once works on both, and a revoked key is refused by both.
public enum SeveralServersScenario {
    /// Starts a server on each of `urls` (the same database, through different hosts) and
    /// checks through `checkURL`.
    public static func expectSharedDatabase(urls: [String], checkURL: String, drivers: [any DatabaseDriver]) async throws {
        let tag = UUID().uuidString
        let first = try await KeyedServer.start(url: urls[0], roles: ["ingest", "read"], tag: tag)
        try await first.run {
            let second = try await KeyedServer.start(url: urls[1], roles: [], tag: tag)
            try await second.run {
                let servers = [first.base, second.base]
                // Both servers write the same rollup rows at once: 10 requests of 100 calls each.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for request in 0..<10 {
                        group.addTask {
                            let calls: JSONValue = .array((0..<100).map { n in
                                ["model": .string("shared-\(n % 2)"), "user_id": .string(tag), "input_tokens": .int(Int64(request * 100 + n)),
                                 "output_tokens": 2, "cost_usd": "0.001"]
                            })
                            let answer = try await HTTPExchange.send("POST", servers[request % 2], "/v1/calls?wait=commit",
                                                                     body: Data(calls.jsonText.utf8),
                                                                     headers: ["Authorization": "Bearer \(first.keys["ingest"]!)"])
                            try Expect.equal(answer["accepted"], 100, "server \(request % 2 + 1) accepts its calls: \(answer.json)")
                        }
                    }
                    try await group.waitForAll()
                }
                // A Galera node applies its peers' commits a moment after they are certified:
                // a read there may miss the last few milliseconds of the other node's writes.
                for base in servers {
                    var overview: HTTPExchange?
                    for _ in 0..<200 {
                        overview = try await HTTPExchange.send("GET", base, "/v1/stats/overview?user_id=\(tag)",
                                                               headers: ["Authorization": "Bearer \(first.keys["read"]!)"])
                        if overview?["calls"] == 1_000 { break }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    try Expect.equal(overview?["calls"], 1_000, "each server sees every call within 20 s: \(String(describing: overview?.json))")
                }
                let ledger = try await Ledger.open(url: checkURL, drivers: drivers)
                let usage = try await ledger.usage(LedgerFilter(userID: tag))
                ledger.readsRollups = false
                let raw = try await ledger.usage(LedgerFilter(userID: tag))
                await ledger.close()
                try Expect.equal(usage.calls, 1_000, "the shared rollups count each call once")
                try Expect.equal(usage.tokens.input, Int64(999 * 1_000 / 2), "input tokens from the rollups")
                try Expect.equal(raw.tokens.input, usage.tokens.input, "rollups = raw rows")
                try Expect.equal(usage.costUSD, Decimal(1), "cost")

                let revoke = try ChildProcess.spawn([ServeScenario.binary, "keys", "revoke", "--url", checkURL, "read-\(tag)"])
                try Expect.equal(await revoke.exitStatus(), 0, "keys revoke: \(revoke.output)")
                try await Task.sleep(for: .milliseconds(1_200))
                for base in servers {
                    let refused = try await HTTPExchange.send("GET", base, "/v1/calls", headers: ["Authorization": "Bearer \(first.keys["read"]!)"])
                    try Expect.equal(refused.status, 401, "a key revoked once is refused by every server")
                }
            }
        }
    }
}
