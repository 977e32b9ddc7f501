import AILedger
import Foundation

/// Field encryption as an operator sees it: ciphertext in the raw tables read with the
/// database's own client, plaintext through the library and the HTTP API with the key, a
/// clear marker without it, text search refused, and `ailedger encryption rotate` while
/// records are being written leaving nothing under the old key.
public enum EncryptionScenario {
    /// A cipher over `keys` (32 bytes each) sealing with `current`: the test passes
    /// `AILedgerCrypto`'s keyring, so the suite links no crypto.
    public typealias MakeCipher = @Sendable (_ keys: [String: [UInt8]], _ current: String) throws -> any FieldCipher

    static let secret = "the customer's order 4711 shipped"

    /// Runs the scenario against the database at `url` (emptied first).
    public static func expectEncrypts(url: String, drivers: [any DatabaseDriver], cipher makeCipher: MakeCipher) async throws {
        var random = SystemRandomNumberGenerator()
        let keys = ["k1": (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) },
                    "k2": (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }]
        let folder = try WriterFaultCases.temporaryFolder("encryption")
        defer { try? FileManager.default.removeItem(at: folder) }
        let keyFile = folder.appendingPathComponent("keys.json")
        func writeKeyFile(current: String, ids: [String]) throws {
            let json: JSONValue = ["current": .string(current),
                                   "keys": .object(Dictionary(uniqueKeysWithValues: ids.map { ($0, JSONValue.string(Data(keys[$0]!).base64EncodedString())) }))]
            try Data(json.jsonText.utf8).write(to: keyFile)
        }
        try writeKeyFile(current: "k1", ids: ["k1", "k2"])
        let encryption = FieldEncryption(cipher: try makeCipher(keys, "k1"))

        let ledger = try await Ledger.open(url: url, drivers: drivers, encryption: encryption)
        do {
            let applied = try await ledger.migrations.history().filter(\.success).count
            if applied > 0 { try await ledger.migrations.down(steps: applied) }
            try await ledger.migrate()
            var interaction = Interaction(userID: "encryption")
            interaction.inputText = secret
            interaction.inputVariables = ["order": .string(secret)]
            interaction.errorDetails = ["detail": .string(secret)]
            interaction.metadata = ["note": .string(secret), "n": 3]
            var call = Call(model: "gpt-4o-mini", userID: "encryption", usage: TokenUsage(input: 10, output: 5))
            call.inputText = secret
            call.outputText = secret
            call.request = ["messages": [["role": "user", "content": .string(secret)]]]
            call.response = ["choices": [["message": ["content": .string(secret)]]]]
            call.metadata = ["note": .string(secret)]
            try await ledger.record(interaction, calls: [call])

            // The raw table, read with the database's own client: ciphertext only.
            let client = try NativeClient(url: url)
            let raw = try await client.run("SELECT input_text, output_text, request, response, metadata FROM ailedger_calls")
            try Expect.that(!raw.contains("order 4711") && raw.contains("enc:v1:k1:"), "the raw row holds ciphertext: \(raw.prefix(300))")
            let rawInteraction = try await client.run("SELECT input_text, input_variables, error_details, metadata FROM ailedger_interactions")
            try Expect.that(!rawInteraction.contains("order 4711") && rawInteraction.contains("\"encrypted\""),
                            "the raw interaction holds ciphertext: \(rawInteraction.prefix(300))")

            // Through the library with the key: the values as recorded.
            let read = try await ledger.call(id: call.id)
            try Expect.equal(read?.inputText, secret, "input text opened")
            try Expect.equal(read?.request, call.request, "request opened")
            try Expect.equal(read?.metadata, call.metadata, "metadata opened")
            let readInteraction = try await ledger.interaction(id: interaction.id)
            try Expect.equal(readInteraction?.inputVariables, interaction.inputVariables, "input variables opened")
            try Expect.equal(readInteraction?.metadata, interaction.metadata, "interaction metadata opened")
            let error = try await Expect.error(.invalidValue) { _ = try await ledger.calls(LedgerFilter(text: "4711")) }
            try Expect.that(error.message.contains("encrypted"), "text search refused, saying why: \(error.message)")
            try Expect.equal(try await ledger.usage().calls, 1, "aggregates need no key")

            // Without the key: a marker, never garbage.
            let keyless = try await Ledger.open(url: url, drivers: drivers)
            let marked = try await keyless.call(id: call.id)
            let markedInteraction = try await keyless.interaction(id: interaction.id)
            await keyless.close()
            try Expect.equal(marked?.inputText, FieldEncryption.textMarker, "a text field reads as the marker")
            try Expect.equal(marked?.request, ["encrypted": true, "key_id": "k1"], "a JSON field reads as the marker")
            try Expect.equal(markedInteraction?.metadata, ["encrypted": true, "key_id": "k1"], "metadata reads as the marker")

            // The HTTP API, with the key file and without.
            for withKey in [true, false] {
                let server = try await startServer(url: url, keyFile: withKey ? keyFile.path : nil, folder: folder)
                do {
                    let answer = try await HTTPExchange.send("GET", server.base, "/v1/calls/\(call.id.uuidString.lowercased())")
                    try Expect.equal(answer.status, 200, "GET the call: \(answer.text)")
                    try Expect.equal(answer["input_text"], .string(withKey ? secret : FieldEncryption.textMarker),
                                     withKey ? "plaintext through the API with the key" : "the marker through the API without it")
                    server.process.send(SIGTERM)
                    try Expect.equal(await server.process.exitStatus(), 0, "the server exits")
                } catch {
                    await server.process.kill()
                    throw ConformanceFailure(message: "\(error)\nthe server printed: \(server.process.output.suffix(2_000))", location: #fileID)
                }
            }

            // Rotation to k2 while a writer records under k2: nothing left under k1.
            try writeKeyFile(current: "k2", ids: ["k1", "k2"])
            let writer = try await Ledger.open(url: url, drivers: drivers, writer: WriterOptions(),
                                               encryption: FieldEncryption(cipher: try makeCipher(keys, "k2")))
            for n in 0..<1_500 {
                var more = call
                more.id = UUID.v7()
                more.metadata = ["n": .int(Int64(n))]
                try await ledger.record(more)  // under k1, before the rotation
            }
            let recording = Task {
                for n in 0..<1_500 {
                    var more = call
                    more.id = UUID.v7()
                    more.metadata = ["n": .int(Int64(n))]
                    try await writer.record(more)
                    if n % 100 == 0 { try await Task.sleep(for: .milliseconds(5)) }
                }
            }
            let rotate = try ChildProcess.spawn(["/usr/bin/env", "AILEDGER_ENCRYPTION_KEY_FILE=\(keyFile.path)", ServeScenario.binary,
                                                 "encryption", "rotate", "--url", url, "--to", "k2", "--batch-size", "200"])
            try Expect.equal(await rotate.exitStatus(), 0, "rotate: \(rotate.output)")
            try await recording.value
            try Expect.that(await writer.close().isComplete, "the writer's records written")
            // Records the writer had not stored when the rotation passed are under k2 already.
            let status = try await ledger.encryptionStatus()
            try Expect.equal(status.values(sealedWith: "k1"), 0, "no value left under k1: \(status)")
            try Expect.equal(status.plaintext, [:], "no value in clear")
            try Expect.equal(status.sealed["k2"]?["ailedger_calls"], 3_001 * 5, "every call's five fields under k2: \(status)")
            let shown = try ChildProcess.spawn(["/usr/bin/env", "AILEDGER_ENCRYPTION_KEY_FILE=\(keyFile.path)", ServeScenario.binary,
                                                "encryption", "status", "--url", url])
            try Expect.equal(await shown.exitStatus(), 0, "status: \(shown.output)")
            try Expect.that(!shown.output.contains("k1 ") && shown.output.contains("k2 "), "status lists only k2: \(shown.output)")
            // k1 retired: everything still reads.
            let retired = try await Ledger.open(url: url, drivers: drivers, encryption: FieldEncryption(cipher: try makeCipher(["k2": keys["k2"]!], "k2")))
            let all = try await retired.calls(limit: 5_000)
            await retired.close()
            try Expect.equal(all.count, 3_001, "every call read")
            try Expect.that(all.allSatisfy { $0.inputText == secret }, "every call opened with k2 alone")
            await ledger.close()
        } catch {
            await ledger.close()
            throw error
        }
    }

    /// `ailedger serve` without keys on loopback, with the key file in its environment or not.
    static func startServer(url: String, keyFile: String?, folder: URL) async throws -> (process: ChildProcess, base: String) {
        let environment = keyFile.map { ["AILEDGER_ENCRYPTION_KEY_FILE=\($0)"] } ?? ["AILEDGER_ENCRYPTION_KEY_FILE="]
        let process = try ChildProcess.spawn(["/usr/bin/env"] + environment + [ServeScenario.binary, "serve", "--url", url, "--port", "0",
                                              "--insecure-no-auth", "--outbox", folder.appendingPathComponent("outbox-\(UUID().uuidString).sqlite").path])
        for _ in 0..<600 {
            if let range = process.output.range(of: #"on http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                return (process, "http://127.0.0.1:" + (process.output[range].split(separator: ":").last.map(String.init) ?? ""))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        await process.kill()
        throw ConformanceFailure(message: "the server did not start: \(process.output.suffix(2_000))", location: #fileID)
    }
}
