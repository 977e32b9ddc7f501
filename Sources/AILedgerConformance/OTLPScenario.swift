import AILedger
import Foundation

/// OpenTelemetry GenAI spans into the ledger the way an instrumented app sends them: the
/// OpenTelemetry Python SDK's OTLP/HTTP exporter (protobuf, gzipped and not) against
/// `ailedger serve --otlp-port`, OTLP JSON posted with curl, and the specification's answers
/// to bad requests; every stored field and cost checked exactly.
public enum OTLPScenario {
    /// Runs the scenario against the database at `url`, opened with `drivers` to check what
    /// was stored.
    public static func expectReceives(url: String, drivers: [any DatabaseDriver]) async throws {
        let python = ServeScenario.root.appendingPathComponent(".build/otel-venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ConformanceFailure(message: "\(python) is missing: make test makes it (scripts/otel-venv.sh)", location: #fileID)
        }
        let tag = "otlp-\(UUID().uuidString.prefix(8).lowercased())"
        let otlpPort = try freePort()
        let server = try await KeyedServer.start(url: url, roles: ["ingest", "read"], tag: tag,
                                                 arguments: ["--otlp-port", "\(otlpPort)", "--capture-content"])
        try await server.run {
            try await exercise(base: server.base, otlp: "http://127.0.0.1:\(otlpPort)", python: python, keys: server.keys, tag: tag,
                               folder: server.folder, url: url, drivers: drivers)
        }
    }

    static func exercise(base: String, otlp: String, python: String, keys: [String: String], tag: String, folder: URL,
                         url: String, drivers: [any DatabaseDriver]) async throws {
        let ingest = keys["ingest"] ?? "", authorized = ["Authorization": "Bearer \(ingest)"]
        // The Python SDK's exporter, three times over the same spans, on the OTLP port.
        var sender: ChildProcess?
        var status: Int32 = -1
        for _ in 0..<100 {  // the OTLP port listens a moment after the first
            let attempt = try ChildProcess.spawn([python, ServeScenario.root.appendingPathComponent("Tests/OTLP/send_genai_spans.py").path,
                                                  otlp, ingest, tag])
            status = await attempt.exitStatus()
            if status == 0 || !attempt.output.contains("Connection refused") {
                sender = attempt
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard let sender, status == 0,
              let line = sender.output.split(separator: "\n").last, let sent = try? JSONValue(jsonText: String(line)),
              case .object(let report) = sent else {
            throw ConformanceFailure(message: "the Python exporter failed: \(sender?.output.suffix(2_000) ?? "")", location: #fileID)
        }
        try Expect.equal(report["results"], ["SUCCESS", "SUCCESS", "SUCCESS"], "every export succeeded: \(sender.output.suffix(500))")
        try Expect.equal(report["spans"], 11, "eleven spans sent")
        try await commit(base, authorized)

        let ledger = try await Ledger.open(url: url, drivers: drivers)
        defer { Task { await ledger.close() } }
        let calls = try await ledger.calls(LedgerFilter(userID: tag), limit: 100)
        try Expect.equal(calls.count, 8, "eight model calls, each once though sent three times: \(calls.map(\.model))")
        func call(_ spanName: String, _ which: Int = 0) throws -> Call {
            let matching = calls.filter { $0.metadata["span_name"] == .string(spanName) }.sorted { $0.createdAt < $1.createdAt }
            guard matching.indices.contains(which) else { throw ConformanceFailure(message: "no call \(spanName)", location: #fileID) }
            return matching[which]
        }
        let conversation = try Expect.some(try await ledger.conversation(externalID: "conv-\(tag)"), "the conversation by its id")

        let gpt = try call("chat gpt-4o")
        try Expect.equal(gpt.model, "gpt-4o-2024-08-06", "the response's model")
        try Expect.equal(gpt.provider, "openai", "provider")
        try Expect.equal(gpt.externalID, "chatcmpl-\(tag)", "the response id")
        try Expect.equal(gpt.usage, TokenUsage(input: 1_200, output: 300, cacheRead: 1_024), "tokens")
        try Expect.equal(gpt.costUSD, Decimal(string: "0.00472"), "priced exactly: 176 × $2.50 + 1,024 × $1.25 + 300 × $10 per million")
        try Expect.equal(gpt.costSource, .computed, "from the book")
        try Expect.equal(gpt.callType, "chat", "call type")
        try Expect.equal(gpt.conversationID, conversation.id, "in the conversation")
        try Expect.equal(gpt.inputText, "Where is my order?", "the prompt, captured")
        try Expect.equal(gpt.outputText, "It ships today.", "the completion, captured")
        try Expect.that(gpt.latencyMs != nil && gpt.metadata["trace_id"] != nil && gpt.metadata["otel_scope"] == "opentelemetry.instrumentation.openai_v2",
                        "latency, trace id and scope kept: \(gpt.metadata)")
        let agent = try Expect.some(try await ledger.interaction(id: try Expect.some(gpt.interactionID, "an interaction")), "stored")
        try Expect.equal(agent.interactionType, "support-bot", "the agent span's name makes the interaction")
        try Expect.equal(agent.conversationID, conversation.id, "in the conversation")
        try Expect.equal(try call("chat claude-3-5-haiku").interactionID, gpt.interactionID, "both calls of the agent in one interaction")

        let claude = try call("chat claude-3-5-haiku")
        try Expect.equal(claude.usage, TokenUsage(input: 1_520, output: 50, cacheRead: 1_000, cacheWrite: 500), "cache inside input, kept")
        try Expect.equal(claude.costUSD, Decimal(string: "0.000796"), "20 × $0.80 + 1,000 × $0.08 + 500 × $1 + 50 × $4 per million")
        let legacy = try call("anthropic.chat")
        try Expect.equal(legacy.provider, "anthropic", "gen_ai.system, in lower case")
        try Expect.equal(legacy.usage, claude.usage, "legacy names read the same")
        try Expect.equal(legacy.costUSD, claude.costUSD, "and cost the same")
        try Expect.equal(legacy.conversationID, conversation.id, "a conversation over several traces")
        try Expect.equal(legacy.inputText, "Hello", "legacy prompt")
        try Expect.equal(legacy.outputText, "Hi there", "legacy completion")
        let openlit = try call("chat claude-3-5-haiku-20241022")
        try Expect.equal(openlit.usage, TokenUsage(input: 4_500, output: 50, cacheRead: 1_000, cacheWrite: 500),
                         "OpenLIT's Anthropic input leaves the cache out: it is added, once")
        try Expect.equal(openlit.costUSD, Decimal(string: "0.00123"), "the sender's cost")
        try Expect.equal(openlit.costSource, .provided, "kept as provided")
        let openinference = try call("ChatCompletion")
        try Expect.equal(openinference.model, "gpt-4o-mini", "llm.model_name")
        try Expect.equal(openinference.usage, TokenUsage(input: 500, output: 100, cacheRead: 256, reasoning: 64), "OpenInference counts")
        try Expect.equal(openinference.costUSD, Decimal(string: "0.0001158"), "244 × $0.15 + 256 × $0.075 + 100 × $0.60 per million")
        try Expect.equal(openinference.inputText, "What is 2+2?", "input.value")
        let failed = try call("chat gpt-4o", 1)
        try Expect.equal(failed.status, .error, "an error status")
        try Expect.equal(failed.errorCode, "rate_limit_exceeded", "error.type")
        try Expect.equal(failed.errorMessage, "429 Too Many Requests", "the status message")
        let gemini = try call("generate_content gemini-2.0-flash")
        try Expect.equal(gemini.provider, "google", "gcp.gemini is Google's price")
        try Expect.equal(gemini.costUSD, Decimal(string: "0.000014"), "100 × $0.10 + 10 × $0.40 per million")
        let embedding = try call("embeddings text-embedding-3-small")
        try Expect.equal(embedding.callType, "embeddings", "an embedding")
        try Expect.equal(embedding.interactionID, gemini.interactionID, "in its trace's interaction")
        let turns = try await ledger.interactions(LedgerFilter(userID: tag), limit: 100)
        try Expect.equal(turns.count, 6, "one interaction per trace")

        // OTLP JSON, posted with curl, plain and gzipped, on the main port.
        for gzip in [false, true] {
            let trace = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 1...255)) }.joined()
            let body = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"curl"}}]},
                "scopeSpans":[{"scope":{"name":"manual"},"spans":[{"traceId":"\(trace)","spanId":"0102030405060708",
                "name":"chat gpt-4o-mini","kind":3,"startTimeUnixNano":"1767225600000000000","endTimeUnixNano":"1767225601500000000",
                "attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},
                {"key":"gen_ai.provider.name","value":{"stringValue":"openai"}},
                {"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o-mini"}},
                {"key":"gen_ai.usage.input_tokens","value":{"intValue":"1000"}},
                {"key":"gen_ai.usage.output_tokens","value":{"intValue":200}},
                {"key":"user.id","value":{"stringValue":"\(tag)-json"}}],"status":{}},
                {"traceId":"\(trace)","spanId":"1112131415161718","name":"GET /","kind":2,"startTimeUnixNano":"1767225600000000000"}]}]}]}
                """
            let file = folder.appendingPathComponent("spans-\(gzip).json")
            try Data(body.utf8).write(to: file)
            var arguments = ["/usr/bin/env", "curl", "-sS", "-X", "POST", "-H", "Content-Type: application/json", "-H", "Authorization: Bearer \(ingest)"]
            if gzip {
                let zip = try ChildProcess.spawn(["/usr/bin/env", "gzip", "-k", file.path])
                try Expect.equal(await zip.exitStatus(), 0, "gzip")
                arguments += ["-H", "Content-Encoding: gzip", "--data-binary", "@\(file.path).gz"]
            } else {
                arguments += ["--data-binary", "@\(file.path)"]
            }
            let curl = try ChildProcess.spawn(arguments + ["\(base)/v1/traces"])
            try Expect.equal(await curl.exitStatus(), 0, "curl: \(curl.output)")
            let answer = try JSONValue(jsonText: curl.output)
            try Expect.equal(answer, ["partialSuccess": ["rejectedSpans": "0", "errorMessage": "1 span(s) were not model calls and were skipped"]],
                             "a JSON answer noting the skipped span (gzip: \(gzip))")
        }
        try await commit(base, authorized)
        let posted = try await ledger.calls(LedgerFilter(userID: "\(tag)-json"))
        try Expect.equal(posted.count, 2, "both JSON bodies stored")
        try Expect.equal(posted.first?.usage, TokenUsage(input: 1_000, output: 200), "intValue as a string and as a number")
        try Expect.equal(posted.first?.latencyMs, 1_500, "latency from the span's times")
        try Expect.equal(posted.first?.costUSD, Decimal(string: "0.00027"), "1,000 × $0.15 + 200 × $0.60 per million")

        // The specification's answers to what cannot be taken.
        let unkeyed = try await HTTPExchange.send("POST", base, "/v1/traces", body: Data("{}".utf8))
        try Expect.equal(unkeyed.status, 401, "no key")
        try Expect.equal(unkeyed["code"], 16, "a google.rpc.Status, UNAUTHENTICATED: \(unkeyed.text)")
        let reader = try await HTTPExchange.send("POST", base, "/v1/traces", body: Data("{}".utf8),
                                                 headers: ["Authorization": "Bearer \(keys["read"] ?? "")"])
        try Expect.equal(reader.status, 403, "a read key may not send spans")
        let empty = try await HTTPExchange.send("POST", base, "/v1/traces", body: Data("{}".utf8), headers: authorized)
        try Expect.equal(empty.status, 200, "an empty request succeeds")
        try Expect.equal(empty.text, "{}", "with an empty answer")
        let protobuf = authorized.merging(["Content-Type": "application/x-protobuf"]) { $1 }
        let truncated = try await HTTPExchange.send("POST", base, "/v1/traces", body: Data([0x0a, 0xff, 0x01, 0x0a]), headers: protobuf)
        try Expect.equal(truncated.status, 400, "a truncated protobuf body")
        try Expect.equal(truncated.headers["content-type"], "application/x-protobuf", "answered in protobuf")
        try Expect.equal(Array(truncated.body.prefix(2)), [0x08, 0x03], "a google.rpc.Status with code 3 (INVALID_ARGUMENT)")
        let okProtobuf = try await HTTPExchange.send("POST", base, "/v1/traces", body: Data(), headers: protobuf)
        try Expect.equal(okProtobuf.status, 200, "an empty protobuf request")
        try Expect.equal(okProtobuf.body.count, 0, "an empty ExportTraceServiceResponse")
        let badJSON = try await HTTPExchange.send("POST", base, "/v1/traces", body: Data("{\"resourceSpans\": 5}".utf8), headers: authorized)
        try Expect.equal(badJSON.status, 400, "a JSON body of the wrong shape")
        try Expect.equal(badJSON["code"], 3, "INVALID_ARGUMENT")
        try Expect.that(badJSON["message"]?.stringValue?.contains("resourceSpans") == true, "naming the field: \(badJSON.text)")
        let plain = try await HTTPExchange.send("POST", base, "/v1/traces", body: Data("x".utf8),
                                                headers: authorized.merging(["Content-Type": "text/plain"]) { $1 })
        try Expect.equal(plain.status, 415, "a content type OTLP does not use")
        let huge = try await HTTPExchange.send("POST", base, "/v1/traces", body: Data(count: 11 << 20), headers: protobuf)
        try Expect.equal(huge.status, 413, "a body over the limit")
        let noModel = """
            {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
            "name":"chat","attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}}]}]}]}]}
            """
        let partial = try await HTTPExchange.send("POST", base, "/v1/traces", body: Data(noModel.utf8), headers: authorized)
        try Expect.equal(partial.status, 200, "partial success is a success")
        try Expect.equal(partial["partialSuccess", "rejectedSpans"], "1", "the rejected span counted: \(partial.text)")
        try Expect.that(partial["partialSuccess", "errorMessage"]?.stringValue?.contains("gen_ai.request.model") == true, "and named")
    }

    /// Waits until everything accepted so far is committed.
    static func commit(_ base: String, _ headers: [String: String]) async throws {
        let answer = try await HTTPExchange.send("POST", base, "/v1/calls?wait=commit", body: Data("[]".utf8), headers: headers)
        try Expect.equal(answer["committed"], true, "committed: \(answer.text)")
    }

    /// A TCP port nothing listens on now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ConformanceFailure(message: "no free port", location: #fileID) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
