import AILedger
import Foundation

/// Redaction on every path a record takes into the ledger: `record` in the library, the
/// buffered writer, the HTTP API, OpenTelemetry spans and `ailedger ingest`, under one
/// policy given in code and as `ailedger serve --config`; each detector's value read back
/// from the raw tables replaced, and counted in `/metrics`.
public enum PrivacyScenario {
    /// One value per built-in detector, and what the stored text holds in its place.
    static let samples: [(detector: String, value: String, stored: String)] = [
        ("email", "privacy.probe@example.com", "[EMAIL]"),
        ("phone", "+44 20 7946 0958", "[PHONE]"),
        ("payment_card", "4111 1111 1111 1111", "[CARD]"),
        ("iban", "GB82 WEST 1234 5698 7654 32", "[IBAN]"),
        ("ip_address", "203.0.113.77", "[IP]"),
        ("ssn", "219-09-9999", "[SSN]"),
        ("openai_key", "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAB7cD0eF", "[OPENAI_KEY]"),
        ("anthropic_key", "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEf", "[ANTHROPIC_KEY]"),
        ("aws_access_key", "AKIAIOSFODNN7EXAMPLE", "[AWS_ACCESS_KEY]"),
        ("github_token", "ghp_1a2b3c4d5e6f7g8h9i0jAbCdEfGhIjKlMnOpQr", "[GITHUB_TOKEN]"),
        ("slack_token", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "[SLACK_TOKEN]"),
        ("jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", "[JWT]"),
        ("bearer_token", "9f8e7d6c5b4a3f2e1d0c9b8a", "[BEARER_TOKEN]"),
        ("private_key", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkgAbCdEfGh\n-----END EC PRIVATE KEY-----", "[PRIVATE_KEY]"),
    ]

    /// Every sample in one text, and that text as it must be stored.
    static let text = samples.map { $0.detector == "bearer_token" ? "Authorization: Bearer \($0.value)" : $0.value }.joined(separator: " ; ")
    static let stored = samples.map { $0.detector == "bearer_token" ? "Authorization: Bearer \($0.stored)" : $0.stored }.joined(separator: " ; ")

    /// The policy under test: every detector replaced by a placeholder, user ids by a keyed
    /// pseudonym.
    static func policy(key: String) -> RedactionPolicy {
        var policy = RedactionPolicy.all
        policy.userIDs = .pseudonym
        policy.pseudonymKey = Array(key.utf8)
        return policy
    }

    /// Runs the scenario against the database at `url`, opened with `drivers` to record
    /// and to read the raw rows back.
    public static func expectRedactsOnEveryPath(url: String, drivers: [any DatabaseDriver]) async throws {
        let tag = "privacy-\(UUID().uuidString.prefix(8).lowercased())"
        let folder = try WriterFaultCases.temporaryFolder("privacy")
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = "a pseudonym key that stays out of the database"
        let keyFile = folder.appendingPathComponent("pseudonym.key")
        try Data((key + "\n").utf8).write(to: keyFile)
        let config = folder.appendingPathComponent("ailedger.json")
        let settings: JSONValue = ["redaction": ["detectors": ["all"], "user_id": "pseudonym", "pseudonym_key_file": .string(keyFile.path)]]
        try Data(settings.jsonText.utf8).write(to: config)

        // The library, without and with the buffered writer.
        let direct = try await Ledger.open(url: url, drivers: drivers, redaction: policy(key: key))
        do {
            try await direct.migrate()
            try await direct.record(probeCall(tag, path: "library"))
            var interaction = Interaction(userID: "\(tag)-user")
            interaction.inputText = text
            interaction.outputText = text
            interaction.request = ["messages": [["role": "user", "content": .string(text)]]]
            interaction.inputVariables = ["customer": .string(text)]
            interaction.metadata = ["path": "library", "note": .string(text)]
            interaction.errorDetails = ["detail": .string(text)]
            interaction.feedback = Feedback(rating: .rejected, comment: text)
            try await direct.record(interaction, calls: [probeCall(tag, path: "library-interaction")])
            try await direct.recordFeedback(Feedback(rating: .modified, comment: text), forInteraction: interaction.id)
            // Six fields of each call, seven of the interaction, the feedback recorded after.
            try Expect.equal(direct.redactionStatistics.replaced["email"], 6 + 6 + 7 + 1, "each email replaced once per field it was in")
            await direct.close()
        } catch {
            await direct.close()
            throw error
        }
        let buffered = try await Ledger.open(url: url, drivers: drivers, writer: WriterOptions(), redaction: policy(key: key))
        try await buffered.record(probeCall(tag, path: "writer"))
        try Expect.that(await buffered.close().isComplete, "the buffered call written")

        // The server, configured by file: JSON ingest and OpenTelemetry spans.
        let server = try await KeyedServer.start(url: url, roles: ["ingest"], tag: tag,
                                                 arguments: ["--config", config.path, "--capture-content"])
        try await server.run {
            let headers = ["Authorization": "Bearer \(server.keys["ingest"] ?? "")"]
            guard case .object(var call) = probeCall(tag, path: "http").json else { return }
            call["id"] = nil
            let posted = try await HTTPExchange.send("POST", server.base, "/v1/calls?wait=commit", body: Data(JSONValue.array([.object(call)]).jsonText.utf8),
                                                     headers: headers)
            try Expect.equal(posted.status, 200, "the call posted: \(posted.text)")
            let messages = JSONValue.array([["role": "user", "parts": [["type": "text", "content": .string(text)]]]]).jsonText
            let spans: JSONValue = ["resourceSpans": [["scopeSpans": [["spans": [[
                "traceId": "5b8efff798038103d269b633813fc60c", "spanId": .string(String(tag.suffix(8).utf8.map { String(format: "%02x", $0) }.joined().prefix(16))),
                "name": "chat", "kind": 3, "startTimeUnixNano": "1767225600000000000", "endTimeUnixNano": "1767225601000000000",
                "attributes": [["key": "gen_ai.operation.name", "value": ["stringValue": "chat"]],
                               ["key": "gen_ai.request.model", "value": ["stringValue": .string("\(tag)-otlp")]],
                               ["key": "gen_ai.usage.input_tokens", "value": ["intValue": 10]],
                               ["key": "user.id", "value": ["stringValue": .string("\(tag)-user")]],
                               ["key": "gen_ai.input.messages", "value": ["stringValue": .string(messages)]]]]]]]]]]
            let otlp = try await HTTPExchange.send("POST", server.base, "/v1/traces", body: Data(spans.jsonText.utf8), headers: headers)
            try Expect.equal(otlp.status, 200, "the span posted: \(otlp.text)")
            let committed = try await HTTPExchange.send("POST", server.base, "/v1/calls?wait=commit", body: Data("[]".utf8), headers: headers)
            try Expect.equal(committed["committed"], true, "committed: \(committed.text)")
            let metrics = try await HTTPExchange.send("GET", server.base, "/metrics")
            try Expect.that(metrics.text.range(of: #"ailedger_redactions_total\{detector="openai_key"\} [1-9]"#, options: .regularExpression) != nil,
                            "the server counts what it redacted: \(metrics.text.split(separator: "\n").filter { $0.contains("redactions") })")
        }

        // ailedger ingest, configured by file.
        let lines = folder.appendingPathComponent("calls.jsonl")
        try Data((probeCall(tag, path: "ingest").json.jsonText + "\n").utf8).write(to: lines)
        let ingest = try ChildProcess.spawn([ServeScenario.binary, "ingest", "--url", url, "--config", config.path, lines.path])
        try Expect.equal(await ingest.exitStatus(), 0, "ingest: \(ingest.output)")

        try await expectStoredRedacted(url: url, drivers: drivers, tag: tag, key: key)
    }

    /// A call holding every sample in every text and JSON field.
    static func probeCall(_ tag: String, path: String) -> Call {
        var call = Call(model: "\(tag)-\(path)", usage: TokenUsage(input: 10, output: 5))
        call.userID = "\(tag)-user"
        call.inputText = text
        call.outputText = text
        call.errorMessage = text
        call.request = ["messages": [["role": "user", "content": .string(text)]], "temperature": 0.2]
        call.response = ["choices": [["message": ["content": .string(text)]]]]
        call.metadata = ["path": .string(path), "note": .string(text)]
        return call
    }

    /// Reads the raw rows the scenario wrote and checks no sample is left in them.
    static func expectStoredRedacted(url: String, drivers: [any DatabaseDriver], tag: String, key: String) async throws {
        let ledger = try await Ledger.open(url: url, drivers: drivers, redaction: .off)
        do {
            let pseudonym = try Redactor(policy: policy(key: key)).redactedUserID("\(tag)-user") ?? ""
            try Expect.that(pseudonym.hasPrefix("user_"), "a pseudonym")
            let found = try await ledger.database.withConnection(.read) { connection in
                let dialect = connection.dialect
                let pattern = dialect.placeholder(1)
                let calls = try await connection.query(
                    "SELECT model, user_id, input_text, output_text, error_message, request, response, metadata FROM ailedger_calls WHERE model LIKE \(pattern)",
                    [.text("\(tag)-%")])
                let interactions = try await connection.query(
                    "SELECT user_id, input_text, output_text, request, input_variables, error_details, metadata, feedback_comment FROM ailedger_interactions WHERE user_id = \(dialect.placeholder(1))",
                    [.text(pseudonym)])
                return (calls, interactions)
            }
            let (calls, interactions) = found
            let paths = Set(calls.map { Self.text($0.values[0]) }.map { String($0.dropFirst(tag.count + 1)) })
            try Expect.equal(paths, ["library", "library-interaction", "writer", "http", "otlp", "ingest"], "a call from every path")
            // The library's interaction, and the one the OpenTelemetry span made.
            try Expect.equal(interactions.count, 2, "the interactions, found by their user's pseudonym")
            for row in calls + interactions {
                let texts = row.values.map(Self.text)
                for sample in samples where texts.contains(where: { $0.contains(sample.value) }) {
                    throw ConformanceFailure(message: "\(sample.detector) stored in clear: \(texts.joined(separator: " | ").prefix(300))", location: #fileID)
                }
                try Expect.that(!texts.contains { $0.contains("\(tag)-user") }, "the user id stored as its pseudonym")
            }
            for row in calls where Self.text(row.values[0]) != "\(tag)-otlp" {
                try Expect.equal(Self.text(row.values[1]), pseudonym, "the user's pseudonym")
                try Expect.equal(Self.text(row.values[2]), stored, "input text with every value replaced")
                try Expect.that(Self.text(row.values[5]).contains(stored),
                                "a JSON leaf with every value replaced: \(Self.text(row.values[5]).prefix(200))")
            }
            try Expect.equal(interactions.map { Self.text($0.values[7]) }.filter { !$0.isEmpty }, [stored], "the feedback comment replaced too")
            await ledger.close()
        } catch {
            await ledger.close()
            throw error
        }
    }

    static func text(_ value: SQLValue) -> String {
        switch value {
        case .text(let text), .json(let text): text
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        case .null: ""
        default: "\(value)"
        }
    }
}
