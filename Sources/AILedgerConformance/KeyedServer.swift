import AILedger
import Foundation

/// `ailedger serve` started as an operator starts it: the schema migrated, a key made per
/// role with `ailedger keys create`, keys required, an outbox in a folder of its own.
struct KeyedServer {
    /// The running server.
    let process: ChildProcess
    /// `http://127.0.0.1:PORT`.
    let base: String
    /// A key per role asked for.
    let keys: [String: String]
    /// The folder of its outbox, removed by `stop`.
    let folder: URL

    /// Migrates the database at `url`, makes a key named `ROLE-tag` for each of `roles`,
    /// and starts the server with `arguments` added; waits until it listens.
    static func start(url: String, roles: [String], tag: String, arguments: [String] = []) async throws -> KeyedServer {
        let binary = ServeScenario.binary
        let migrate = try ChildProcess.spawn([binary, "migrate", "up", "--url", url])
        try Expect.equal(await migrate.exitStatus(), 0, "migrate up: \(migrate.output)")
        var keys: [String: String] = [:]
        for role in roles {
            let created = try ChildProcess.spawn([binary, "keys", "create", "--url", url, "--role", role, "--name", "\(role)-\(tag)"])
            try Expect.equal(await created.exitStatus(), 0, "keys create: \(created.output)")
            keys[role] = created.output.split(separator: "\n").last.map(String.init) ?? ""
        }
        let folder = try WriterFaultCases.temporaryFolder("served")
        let process = try ChildProcess.spawn([binary, "serve", "--url", url, "--port", "0", "--outbox",
                                              folder.appendingPathComponent("outbox.sqlite").path] + arguments)
        for _ in 0..<600 {
            if let range = process.output.range(of: #"on http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                let base = "http://127.0.0.1:" + (process.output[range].split(separator: ":").last.map(String.init) ?? "")
                return KeyedServer(process: process, base: base, keys: keys, folder: folder)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        await process.kill()
        try? FileManager.default.removeItem(at: folder)
        throw ConformanceFailure(message: "the server did not start: \(process.output.suffix(2_000))", location: #fileID)
    }

    /// Runs `body`, then stops the server with SIGTERM and expects a clean exit; when
    /// `body` fails, kills it and adds what it printed to the error.
    func run(_ body: () async throws -> Void) async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try await body()
            process.send(SIGTERM)
            try Expect.equal(await process.exitStatus(), 0, "exit after SIGTERM")
        } catch {
            await process.kill()
            throw ConformanceFailure(message: "\(error)\nthe server printed: \(process.output.suffix(3_000))", location: #fileID)
        }
    }
}
