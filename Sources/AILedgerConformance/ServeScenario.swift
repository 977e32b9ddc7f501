import AILedger
import Foundation

/// `ailedger serve` run as a user runs it, on loopback, in front of a database: ingest with
/// partial success, reads, paging, errors as JSON that name the field, limits, the Python
/// client, and SIGTERM under load losing nothing.
public enum ServeScenario {
    /// The `ailedger` binary beside the test bundle.
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ailedger").path
    }

    /// The package's root, for the example clients.
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs the whole scenario against the database at `url`, opened with `drivers` to check
    /// what was stored.
    public static func expectServes(url: String, drivers: [any DatabaseDriver]) async throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ConformanceFailure(message: "\(binary) is missing: build it with `swift build --build-tests`", location: #fileID)
        }
        let migrate = try ChildProcess.spawn([binary, "migrate", "up", "--url", url])
        try Expect.equal(await migrate.exitStatus(), 0, "migrate up: \(migrate.output)")
        var server = try await start(url)
        do {
            try await exercise(server.base, url: url, drivers: drivers)
            try await expectSIGTERMLosesNothing(server, url: url, drivers: drivers)
            server = try await start(url)
            try await expectPythonClient(server.base)
            server.process.send(SIGTERM)
            try Expect.equal(await server.process.exitStatus(), 0, "exit after SIGTERM: \(server.process.output.suffix(2_000))")
            server = try await start(url, keys: true)
            try await expectKeys(server, url: url, drivers: drivers)
            server.process.send(SIGTERM)
            try Expect.equal(await server.process.exitStatus(), 0, "exit after SIGTERM: \(server.process.output.suffix(2_000))")
        } catch {
            await server.process.kill()
            throw ConformanceFailure(message: "\(error)\nthe server printed: \(server.process.output.suffix(3_000))", location: #fileID)
        }
    }

    /// Starts `ailedger serve` on a free port and waits until it listens.
    static func start(_ url: String, keys: Bool = false) async throws -> (process: ChildProcess, base: String) {
        // With keys, the outbox is the default one, in the state folder the environment names.
        let state = try WriterFaultCases.temporaryFolder("serve-state").path
        let process = try ChildProcess.spawn(keys ? ["/usr/bin/env", "AILEDGER_STATE_DIR=\(state)", binary, "serve", "--url", url,
                                                     "--port", "0", "--requests-per-second", "5", "--burst", "20"]
                                                  : [binary, "serve", "--url", url, "--port", "0", "--insecure-no-auth",
                                                     "--outbox", state + "/outbox.sqlite"])
        for _ in 0..<600 {
            if let range = process.output.range(of: #"on http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                let port = process.output[range].split(separator: ":").last.map(String.init) ?? ""
                let outbox = keys ? #"\(outbox: "# + NSRegularExpression.escapedPattern(for: state) + #"/outbox-[0-9a-f]{16}\.sqlite\)"#
                    : #"\(outbox: "# + NSRegularExpression.escapedPattern(for: state) + #"/outbox\.sqlite\)"#
                try Expect.that(process.output.range(of: outbox, options: .regularExpression) != nil,
                                "the server names its outbox: \(process.output.prefix(500))")
                return (process, "http://127.0.0.1:\(port)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        await process.kill()
        throw ConformanceFailure(message: "the server did not start: \(process.output.suffix(2_000))", location: #fileID)
    }

    static func exercise(_ base: String, url: String, drivers: [any DatabaseDriver]) async throws {
        let document = try await HTTPExchange.send("GET", base, "/openapi.json")
        try Expect.equal(document["openapi"], "3.1.0", "an OpenAPI 3.1 document")
        for path in ["/healthz", "/readyz", "/v1/calls", "/v1/calls/{id}", "/v1/interactions", "/v1/interactions/{id}",
                     "/v1/interactions/{id}/feedback", "/v1/conversations", "/v1/conversations/{id}", "/v1/batch",
                     "/v1/stats/overview", "/v1/stats/by/{dimension}", "/v1/stats/series/{bucket}", "/v1/stats/failures",
                     "/v1/stats/data-quality", "/v1/stats/feedback", "/v1/stats/sql-queries", "/v1/export/{kind}", "/metrics",
                     "/v1/prices", "/v1/prices/{model}", "/v1/traces", "/logging-dashboard/overview",
                     "/logging-dashboard/conversation/{conversation_id}/detailed", "/logging-dashboard/llm-calls/analysis",
                     "/logging-dashboard/sql-queries/analysis"] {
            try Expect.that(document["paths", path] != nil, "the document describes \(path)")
        }
        // Without keys, only a loopback Host is answered: a page whose name was rebound to
        // 127.0.0.1 reaches nothing.
        let rebound = try ChildProcess.spawn(["/usr/bin/env", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: rebound.example:8080",
                                              base + "/v1/stats/overview"])
        try Expect.equal(await rebound.exitStatus(), 0, "curl ran: \(rebound.output)")
        try Expect.equal(rebound.output, "403", "a request for another host is refused without keys")
        let health = try await HTTPExchange.send("GET", base, "/healthz")
        try Expect.equal(health.status, 200, "healthz")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/readyz").status, 200, "readyz")

        // Partial success: the valid calls are kept, the others named by index and field.
        let tag = "serve-\(UUID().uuidString)"
        let openAI: JSONValue = ["model": "gpt-4o-mini-2024-07-18",
                                 "usage": ["prompt_tokens": 1200, "completion_tokens": 300, "prompt_tokens_details": ["cached_tokens": 1024]]]
        let posted = try await HTTPExchange.send("POST", base, "/v1/calls?wait=commit", json: [
            ["model": "gpt-4o", "user_id": .string(tag), "input_tokens": 1000, "output_tokens": 200, "cost_usd": "0.0001"],
            ["model": "gpt-4o", "user_id": .string(tag), "inptu_tokens": 5],
            ["model": "gpt-4o", "user_id": .string(tag), "cost_usd": "a lot"],
            ["user_id": .string(tag), "response": openAI],
            ["model": "gpt-4o", "user_id": .string(tag), "cache_read_tokens": 10],
        ])
        try Expect.equal(posted.status, 200, "POST /v1/calls: \(posted.json)")
        try Expect.equal(posted["accepted"], 2, "accepted")
        try Expect.equal(posted["committed"], true, "wait=commit says it is committed")
        try Expect.equal(posted["rejected", 0, "index"], 1, "first rejected index")
        try Expect.equal(posted["rejected", 0, "field"], "inptu_tokens", "a typo is refused by name")
        try Expect.equal(posted["rejected", 1, "field"], "cost_usd", "a bad cost is named")
        try Expect.equal(posted["rejected", 2, "field"], "input_tokens", "a part without its total is named")
        try Expect.that(!posted.json.jsonText.contains("a lot"), "no value is echoed")

        let listed = try await HTTPExchange.send("GET", base, "/v1/calls?user_id=\(tag)")
        try Expect.equal(listed.status, 200, "GET /v1/calls")
        guard case .array(let calls)? = listed["calls"], calls.count == 2 else {
            throw ConformanceFailure(message: "two calls listed: \(listed.json)", location: #fileID)
        }
        let costs = Set(calls.compactMap { call -> String? in if case .string(let cost)? = call.objectValue?["cost_usd"] { cost } else { nil } })
        try Expect.equal(costs, ["0.0001", "0.0002832"], "the provided cost, and the OpenAI response priced exactly")
        guard case .string(let id)? = calls[0].objectValue?["id"] else { throw ConformanceFailure(message: "no id", location: #fileID) }
        try Expect.equal(try await HTTPExchange.send("GET", base, "/v1/calls/\(id)")["id"], .string(id), "one call by id")
        let missing = try await HTTPExchange.send("GET", base, "/v1/calls/\(UUID().uuidString)")
        try Expect.equal(missing.status, 404, "an unknown id")
        try Expect.equal(missing["error", "code"], "not_found", "as a JSON error")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/v1/calls/not-a-uuid").status, 400, "a malformed id")

        let overview = try await HTTPExchange.send("GET", base, "/v1/stats/overview?user_id=\(tag)")
        try Expect.equal(overview["calls"], 2, "overview calls")
        try Expect.equal(overview["cost_usd"], "0.0003832", "overview cost, exact")
        // Which the answer came from, in a header: a user's overview (its latency percentiles
        // need each call) and model groups the raw rows, the whole ledger's overview and
        // model groups the rollups.
        try Expect.equal(overview.headers["ailedger-source"], "raw-rows", "a user's overview: \(overview.headers)")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/v1/stats/overview").headers["ailedger-source"], "rollups",
                         "the whole ledger's overview")
        let overviewByModel = try await HTTPExchange.send("GET", base, "/v1/stats/by/model?user_id=\(tag)")
        try Expect.equal(overviewByModel.headers["ailedger-source"], "raw-rows", "a user's groups by model")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/v1/stats/series/day?by=model&top=3").headers["ailedger-source"],
                         "rollups", "a series by model")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/v1/stats/latency/hour?user_id=\(tag)").headers["ailedger-source"],
                         "raw-rows", "a user's latency percentiles")

        // Bad input: a typed JSON error naming the parameter, never a crash.
        for (path, field) in [("/v1/calls?bogus=1", "bogus"), ("/v1/calls?limit=0", "limit"), ("/v1/calls?since=1e300d", "since"),
                              ("/v1/calls?after=253402300800000000_01a197f2-e1b2-7acd-a820-cf4540870376", "after"),
                              ("/v1/calls?conversation_id=x", "conversation_id")] {
            let answer = try await HTTPExchange.send("GET", base, path)
            try Expect.equal(answer.status, 400, path)
            guard case .string(let message)? = answer["error", "message"], message.hasPrefix(field) else {
                throw ConformanceFailure(message: "\(path): the error names \(field): \(answer.json)", location: #fileID)
            }
        }
        for body in ["{bad", "", "42", "[1, 2]", String(repeating: "[", count: 100_000)] {
            let answer = try await HTTPExchange.send("POST", base, "/v1/calls", body: Data(body.utf8))
            try Expect.that(answer.status == 400 || answer["accepted"] == 0, "\(body.prefix(20)): \(answer.status) \(answer.json)")
            if answer.status == 400 { try Expect.that(answer["error", "code"] != nil, "a JSON error for \(body.prefix(20))") }
        }
        let huge = try await HTTPExchange.send("POST", base, "/v1/calls", body: Data(count: 11 << 20))
        try Expect.equal(huge.status, 413, "a body over 10 MiB")
        // Gzipped bodies: read, and held to the same limit once decompressed.
        let zipped = try await gzip(Data(#"{"model": "zipped", "user_id": "\#(tag)", "input_tokens": 3}"#.utf8))
        let unzipped = try await HTTPExchange.send("POST", base, "/v1/calls", body: zipped, headers: ["Content-Encoding": "gzip"])
        try Expect.equal(unzipped["accepted"], 1, "a gzipped body: \(unzipped.json)")
        let bomb = try await gzip(Data(count: 11 << 20))
        try Expect.that(bomb.count < 100_000, "a small body that inflates past the limit")
        try Expect.equal(try await HTTPExchange.send("POST", base, "/v1/calls", body: bomb, headers: ["Content-Encoding": "gzip"]).status,
                         413, "a gzip bomb")
        try Expect.equal(try await HTTPExchange.send("POST", base, "/v1/calls", body: Data("{}".utf8), headers: ["Content-Encoding": "gzip"]).status,
                         400, "a body that is not gzip")
        try Expect.equal(try await HTTPExchange.send("POST", base, "/v1/calls", body: Data("{}".utf8), headers: ["Content-Encoding": "br"]).status,
                         415, "an encoding the server does not read")

        // Conversations, interactions with their calls inline, a batch with feedback.
        let conversationID = UUID().ledgerString, interactionID = UUID().ledgerString
        let conversation = try await HTTPExchange.send("POST", base, "/v1/conversations", json: [
            "id": .string(conversationID), "user_id": .string(tag), "channel": "web", "title": "order 17"])
        try Expect.equal(conversation["accepted"], 1, "a conversation: \(conversation.json)")
        let turn = try await HTTPExchange.send("POST", base, "/v1/interactions?wait=commit", json: [
            ["id": .string(interactionID), "conversation_id": .string(conversationID), "user_id": .string(tag),
             "prompt_version": "v3", "missing_variables": ["customer_tier"],
             "calls": [["model": "gpt-4o", "input_tokens": 100, "output_tokens": 10]]],
            ["user_id": .string(tag), "calls": [["model": "gpt-4o", "input_tokens": 1], ["model": "gpt-4o", "inptu_tokens": 1]]],
        ])
        try Expect.equal(turn["accepted"], 2, "an interaction and its call: \(turn.json)")
        try Expect.equal(turn["rejected", 0, "index"], 1, "an interaction with a bad call is refused whole")
        try Expect.equal(turn["rejected", 0, "field"], "calls[1].inptu_tokens", "the bad inline call is named by its place")
        let storedTurn = try await HTTPExchange.send("GET", base, "/v1/interactions/\(interactionID)")
        try Expect.equal(storedTurn["prompt_version"], "v3", "the interaction read back")
        try Expect.equal(storedTurn["missing_variables", 0], "customer_tier", "with its missing variables")
        let turnCalls = try await HTTPExchange.send("GET", base, "/v1/calls?interaction_id=\(interactionID)")
        try Expect.equal(turnCalls["calls", 0, "conversation_id"], .string(conversationID), "an inline call belongs to the turn's conversation")
        try Expect.equal(turnCalls["calls", 0, "user_id"], .string(tag), "and to its user")
        let verdict = try await HTTPExchange.send("POST", base, "/v1/interactions/\(interactionID)/feedback",
                                                  json: ["feedback": "rejected", "quality_score": 20])
        try Expect.equal(verdict.status, 200, "feedback: \(verdict.json)")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/v1/interactions/\(interactionID)")["feedback"], "rejected", "stored")
        try Expect.equal(try await HTTPExchange.send("POST", base, "/v1/interactions/\(UUID().ledgerString)/feedback",
                                                     json: ["feedback": "accepted"]).status, 404, "feedback on no interaction")
        let batchTurn = UUID().ledgerString
        let batch = try await HTTPExchange.send("POST", base, "/v1/batch?wait=commit", json: [
            "interactions": [["id": .string(batchTurn), "user_id": .string(tag)]],
            "calls": [["interaction_id": .string(batchTurn), "model": "gpt-4o", "user_id": .string(tag)], ["model": 7]],
            "feedback": [["interaction_id": .string(batchTurn), "feedback": "accepted"], ["interaction_id": .string(batchTurn)]],
        ])
        try Expect.equal(batch["accepted"], 3, "an interaction, a call and a verdict: \(batch.json)")
        try Expect.equal(batch["rejected", 0, "part"], "calls", "the bad call's part")
        try Expect.equal(batch["rejected", 1, "part"], "feedback", "the bad verdict's part")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/v1/interactions/\(batchTurn)")["feedback"], "accepted", "batch feedback")
        let threads = try await HTTPExchange.send("GET", base, "/v1/conversations?user_id=\(tag)")
        try Expect.equal(threads["conversations", 0, "title"], "order 17", "conversations listed")
        try Expect.equal(try await HTTPExchange.send("POST", base, "/v1/batch", json: ["bogus": []]).status, 400, "an unknown batch part")
        let full = try await HTTPExchange.send("GET", base, "/v1/conversations/\(conversationID)")
        try Expect.equal(full["title"], "order 17", "a conversation in full")
        try Expect.equal(full["turns", 0, "id"], .string(interactionID), "with its turns")
        try Expect.equal(full["turns", 0, "calls", 0, "input_tokens"], 100, "each with its calls")
        try Expect.equal(full["totals", "calls"], 1, "and its totals")
        let byModel = try await HTTPExchange.send("GET", base, "/v1/stats/by/model?user_id=\(tag)&top=5")
        try Expect.equal(byModel["groups", 0, "key"], "gpt-4o", "totals by model, the most expensive first: \(byModel.json)")
        let byDay = try await HTTPExchange.send("GET", base, "/v1/stats/series/day?user_id=\(tag)")
        try Expect.that(byDay["groups", 0, "start"] != nil, "a daily series: \(byDay.json)")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/v1/stats/by/colour").status, 400, "an unknown dimension")
        let failed = try await HTTPExchange.send("POST", base, "/v1/calls?wait=commit", json: [
            "model": "gpt-4o", "user_id": .string(tag), "status": "error", "error_code": "timeout", "interaction_id": .string(interactionID)])
        try Expect.equal(failed["accepted"], 1, "a failed call")
        let failures = try await HTTPExchange.send("GET", base, "/v1/stats/failures?user_id=\(tag)")
        try Expect.equal(failures["failures", 0, "error_code"], "timeout", "failures: \(failures.json)")
        try Expect.equal(failures["failures", 0, "interaction", "id"], .string(interactionID), "with the interaction it served")
        let quality = try await HTTPExchange.send("GET", base, "/v1/stats/data-quality?user_id=\(tag)")
        try Expect.equal(quality["missing_variables", 0, "variable"], "customer_tier", "data quality: \(quality.json)")
        let verdicts = try await HTTPExchange.send("GET", base, "/v1/stats/feedback?user_id=\(tag)")
        try Expect.that(verdicts["prompts", 0, "rejected"] != nil, "feedback per prompt: \(verdicts.json)")
        let csv = try await HTTPExchange.send("GET", base, "/v1/export/calls?user_id=\(tag)&format=csv")
        try Expect.equal(csv.status, 200, "a CSV export")
        let csvLines = csv.text.split(separator: "\r\n")
        guard case .int(let tagged)? = try await HTTPExchange.send("GET", base, "/v1/stats/overview?user_id=\(tag)")["calls"] else {
            throw ConformanceFailure(message: "no call count", location: #fileID)
        }
        try Expect.that(csvLines.first?.hasPrefix("id,") == true && csvLines.count == 1 + Int(tagged),
                        "a header and the \(tagged) calls: \(csvLines.count) lines")
        let jsonl = try await HTTPExchange.send("GET", base, "/v1/export/interactions?user_id=\(tag)&format=jsonl")
        try Expect.equal(jsonl.status, 200, "a JSON Lines export")
        guard case .array(let taggedTurns)? = try await HTTPExchange.send("GET", base, "/v1/interactions?user_id=\(tag)")["interactions"] else {
            throw ConformanceFailure(message: "no interactions listed", location: #fileID)
        }
        try Expect.equal(jsonl.text.split(separator: "\n").count, taggedTurns.count, "one line per interaction")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/v1/export/calls?format=xml").status, 400, "an unknown format")
        let metrics = try await HTTPExchange.send("GET", base, "/metrics")
        try Expect.equal(metrics.status, 200, "/metrics")
        try Expect.that(metrics.text.contains(#"ailedger_writer_records_total{event="written"}"#), "the writer's counters")
        try Expect.that(metrics.text.contains(#"hb_requests{http_route="/v1/calls""#), "requests by route and status")
        try Expect.that(metrics.text.contains("http_server_request_duration_bucket"), "latency histograms")

        // Paging: every call once, across pages.
        let more = (0..<7).map { n -> JSONValue in ["model": "page", "user_id": .string(tag + "-page"), "input_tokens": .int(Int64(n))] }
        try Expect.equal(try await HTTPExchange.send("POST", base, "/v1/calls?wait=commit", json: .array(more))["accepted"], 7, "page calls")
        var seen: [String] = []
        var after = ""
        for _ in 0..<5 {
            let page = try await HTTPExchange.send("GET", base, "/v1/calls?user_id=\(tag)-page&limit=3\(after)")
            if case .array(let items)? = page["calls"] {
                seen += items.compactMap { if case .string(let id)? = $0.objectValue?["id"] { id } else { nil } }
            }
            guard case .string(let next)? = page["next"] else { break }
            after = "&after=\(next)"
        }
        try Expect.equal(seen.count, 7, "seven calls over three pages")
        try Expect.equal(Set(seen).count, 7, "each once")
        try await expectSeedRoutes(base)
    }

    /// Seed 004's dashboard routes under their own names, the SQL report, the price routes
    /// and the filters every list takes.
    static func expectSeedRoutes(_ base: String) async throws {
        let tag = "seed-\(UUID().uuidString)", conversation = "chat-\(UUID().uuidString)"
        // A function of this run's own: the analysis counts every call of the database's last hour.
        let function = "generate_sql_\(UUID().uuidString.prefix(8))"
        let conversationID = UUID().ledgerString, messageID = UUID().ledgerString
        let posted = try await HTTPExchange.send("POST", base, "/v1/batch?wait=commit", json: [
            "conversations": [["id": .string(conversationID), "external_id": .string(conversation), "user_id": .string(tag)]],
            "interactions": [
                ["id": .string(messageID), "conversation_id": .string(conversationID), "user_id": .string(tag), "intent": "orders",
                 "input_text": "Show me recent orders", "output_text": "I found 5 recent orders", "database_used": "shop",
                 "sql_queries": ["SELECT * FROM orders WHERE customer = 'c-1' ORDER BY placed_at DESC LIMIT 5"], "sql_results_count": 5,
                 "prompt_id": "orders-prompt", "device_id": .string("d-\(tag)"),
                 "calls": [["model": "gpt-4o", "call_type": "classify_intent", "input_tokens": 100, "output_tokens": 5, "latency_ms": 120],
                           ["model": "gpt-4o-mini", "call_type": .string(function), "input_tokens": 400, "output_tokens": 60, "latency_ms": 300]]],
                ["conversation_id": .string(conversationID), "user_id": .string(tag), "intent": "orders",
                 "sql_queries": [["statement": "SELECT * FROM orders WHERE customer = 'c-2' ORDER BY placed_at DESC LIMIT 5",
                                  "database": "shop", "result_count": 0, "duration_ms": 4.5],
                                 ["statement": "SELECT nope FROM orders", "database": "shop", "error_message": "unknown column"]],
                 "calls": [["model": "gpt-4o", "call_type": .string(function), "status": "error", "error_code": "timeout"]]],
            ],
        ])
        try Expect.equal(posted["accepted"], 6, "a seed-004 conversation: \(posted.json)")
        let message = try await HTTPExchange.send("GET", base, "/v1/interactions/\(messageID)")
        try Expect.equal(message["interaction_type"], "orders", "intent is the interaction type")
        try Expect.equal(message["sql_queries", 0, "database"], "shop", "the statement's database")
        try Expect.equal(message["sql_queries", 0, "result_count"], 5, "its result count")

        let overview = try await HTTPExchange.send("GET", base, "/logging-dashboard/overview?hours=24")
        try Expect.equal(overview.status, 200, "the dashboard overview: \(overview.json)")
        try Expect.that((overview["messages", "total"]?.intValue ?? 0) >= 2, "counts messages: \(overview.json)")
        try Expect.that((overview["sql_queries", "total"]?.intValue ?? 0) >= 3, "and SQL statements")
        try Expect.that(overview["top_models", 0, "key"] != nil, "and the busiest models")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/logging-dashboard/overview?hours=0").status, 400, "hours from 1")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/logging-dashboard/overview?days=1")["error", "message"],
                         "days: is not a known query parameter", "an unknown parameter is named")

        for id in [conversation, conversationID] {
            let detailed = try await HTTPExchange.send("GET", base, "/logging-dashboard/conversation/\(id)/detailed")
            try Expect.equal(detailed["id"], .string(conversationID), "a conversation by \(id == conversation ? "its own id" : "its id")")
            try Expect.equal(detailed["summary", "total_messages"], 2, "with seed 004's summary: \(detailed.json)")
            try Expect.equal(detailed["summary", "total_llm_calls"], 3, "its calls")
            try Expect.equal(detailed["summary", "last_agent_output"], "I found 5 recent orders", "and its last output")
            try Expect.equal(detailed["turns", 0, "sql_queries", 0, "result_count"], 5, "each turn with its SQL")
        }
        try Expect.equal(try await HTTPExchange.send("GET", base, "/logging-dashboard/conversation/nobody/detailed").status, 404,
                         "an unknown conversation")

        let calls = try await HTTPExchange.send("GET", base, "/logging-dashboard/llm-calls/analysis?hours=1&model=gpt-4o&function_name=\(function)")
        try Expect.equal(calls["summary", "calls"], 1, "calls of one model and function: \(calls.json)")
        try Expect.equal(calls["recent_failures", 0, "error_code"], "timeout", "and their failures")
        try Expect.that(calls["hourly", 0, "start"] != nil, "per hour")

        let sql = try await HTTPExchange.send("GET", base, "/logging-dashboard/sql-queries/analysis?hours=24")
        try Expect.equal(sql.status, 200, "the SQL analysis: \(sql.json)")
        let fingerprint = "select * from orders where customer = ? order by placed_at desc limit ?"
        guard case .array(let statements)? = sql["top_statements"],
              let orders = statements.first(where: { $0.objectValue?["fingerprint"] == .string(fingerprint) }) else {
            throw ConformanceFailure(message: "the statement, literals out: \(sql.json)", location: #fileID)
        }
        try Expect.that((orders.objectValue?["queries"]?.intValue ?? 0) >= 2, "two runs counted as one statement")
        let mine = try await HTTPExchange.send("GET", base, "/v1/stats/sql-queries?user_id=\(tag)")
        try Expect.equal(mine["queries"], 3, "the SQL report filtered: \(mine.json)")
        try Expect.equal(mine["failed"], 1, "failures")
        try Expect.equal(mine["results"], 5, "rows returned")
        try Expect.equal(mine["by_database", 0, "key"], "shop", "per database")
        try Expect.equal(mine["by_intent", 0, "key"], "orders", "per intent")
        try Expect.equal(mine["recent_failures", 0, "error_message"], "unknown column", "the latest failures")

        // Every filter of the ledger is a parameter.
        for (query, count) in [("prompt_id=orders-prompt", 1), ("device_id=d-\(tag)", 1), ("text=recent%20orders", 1),
                               ("has_missing_variables=false", 2), ("min_cost_usd=0.0001", 1), ("feedback=accepted", 0)] {
            let page = try await HTTPExchange.send("GET", base, "/v1/interactions?user_id=\(tag)&\(query)")
            guard case .array(let items)? = page["interactions"] else {
                throw ConformanceFailure(message: "\(query): \(page.json)", location: #fileID)
            }
            try Expect.equal(items.count, count, query)
        }
        for (query, field) in [("feedback=meh", "feedback"), ("min_cost_usd=-1", "min_cost_usd"), ("min_quality_score=x", "min_quality_score"),
                               ("has_missing_variables=yes", "has_missing_variables"), ("text=a%00b", "text")] {
            let answer = try await HTTPExchange.send("GET", base, "/v1/interactions?\(query)")
            try Expect.equal(answer.status, 400, query)
            try Expect.that(answer["error", "message"]?.stringValue?.hasPrefix(field) == true, "\(query) names \(field): \(answer.json)")
        }

        let prices = try await HTTPExchange.send("GET", base, "/v1/prices")
        try Expect.that(prices["prices", 0, "model"] != nil, "the price book: \(prices.status)")
        let price = try await HTTPExchange.send("GET", base, "/v1/prices/gpt-4o-2024-08-06?provider=openai")
        try Expect.equal(price["rule"], "snapshot", "a dated snapshot takes its model's price: \(price.json)")
        try Expect.equal(price["price", "model"], "gpt-4o", "the model's")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/v1/prices/no-such-model").status, 404, "a model without a price")
        try Expect.equal(try await HTTPExchange.send("POST", base, "/v1/prices", json: ["prices": [["model": "x"]]]).status, 400,
                         "a bad price is refused")
    }

    /// `data` gzipped by the system's gzip.
    static func gzip(_ data: Data) async throws -> Data {
        let folder = try WriterFaultCases.temporaryFolder("gzip")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("body")
        try data.write(to: file)
        let zip = try ChildProcess.spawn(["/usr/bin/env", "gzip", "-9", file.path])
        try Expect.equal(await zip.exitStatus(), 0, "gzip: \(zip.output)")
        return try Data(contentsOf: folder.appendingPathComponent("body.gz"))
    }

    /// Posts batches without waiting for commit, sends SIGTERM at once, and checks every
    /// call answered "accepted" is stored once the process has exited.
    static func expectSIGTERMLosesNothing(_ server: (process: ChildProcess, base: String), url: String,
                                          drivers: [any DatabaseDriver]) async throws {
        let tag = "sigterm-\(UUID().uuidString)"
        var accepted: Int64 = 0
        for batch in 0..<20 {
            let calls = (0..<100).map { n -> JSONValue in
                ["model": "drain", "user_id": .string(tag), "input_tokens": .int(Int64(batch * 100 + n)), "output_tokens": 1]
            }
            let answer = try await HTTPExchange.send("POST", server.base, "/v1/calls", json: .array(calls))
            if case .int(let n)? = answer["accepted"] { accepted += n }
        }
        server.process.send(SIGTERM)
        try Expect.equal(await server.process.exitStatus(), 0, "exit after SIGTERM: \(server.process.output.suffix(2_000))")
        try Expect.equal(accepted, 2_000, "every call accepted")
        let ledger = try await Ledger.open(url: url, drivers: drivers)
        let stored = try await ledger.usage(LedgerFilter(userID: tag))
        await ledger.close()
        try Expect.equal(stored.calls, accepted, "every accepted call stored after SIGTERM")
    }

    /// API keys: made and revoked with the CLI, checked by role on every route but the
    /// health checks, stored only as hashes.
    static func expectKeys(_ server: (process: ChildProcess, base: String), url: String, drivers: [any DatabaseDriver]) async throws {
        let base = server.base, tag = UUID().uuidString
        var secrets: [String: String] = [:]
        for role in ["ingest", "read", "admin"] {
            let created = try ChildProcess.spawn([binary, "keys", "create", "--url", url, "--role", role, "--name", "\(role)-\(tag)"])
            try Expect.equal(await created.exitStatus(), 0, "keys create: \(created.output)")
            let last = created.output.split(separator: "\n").last.map(String.init) ?? ""
            try Expect.that(last.hasPrefix("ailk_") && last.utf8.count > 40, "the key alone on the last line: \(created.output)")
            secrets[role] = last
        }
        func send(_ method: String, _ path: String, key: String?, body: JSONValue? = nil) async throws -> HTTPExchange {
            try await HTTPExchange.send(method, base, path, body: body.map { Data($0.jsonText.utf8) },
                                        headers: key.map { ["Authorization": "Bearer \($0)"] } ?? [:])
        }
        let call: JSONValue = ["model": "keyed", "user_id": .string(tag), "input_tokens": 1]
        try Expect.equal(try await send("GET", "/healthz", key: nil).status, 200, "health needs no key")
        let none = try await send("GET", "/v1/calls", key: nil)
        try Expect.equal(none.status, 401, "no key")
        try Expect.equal(none["error", "code"], "unauthorized", "as a JSON error")
        try Expect.equal(try await send("GET", "/v1/calls", key: "ailk_forged").status, 401, "a forged key")
        try Expect.equal(try await send("POST", "/v1/calls", key: secrets["read"], body: call).status, 403, "read may not write")
        try Expect.equal(try await send("GET", "/v1/calls", key: secrets["ingest"]).status, 403, "ingest may not read")
        try Expect.equal(try await send("POST", "/v1/calls?wait=commit", key: secrets["ingest"], body: call)["accepted"], 1, "ingest writes")
        try Expect.equal(try await send("POST", "/v1/calls?wait=commit", key: secrets["admin"], body: call)["accepted"], 1, "admin writes")
        let read = try await send("GET", "/v1/calls?user_id=\(tag)", key: secrets["read"])
        try Expect.equal(read.status, 200, "read reads")
        if case .array(let calls)? = read["calls"] { try Expect.equal(calls.count, 2, "both calls") }
        try Expect.equal(try await send("GET", "/v1/stats/overview", key: secrets["admin"]).status, 200, "admin reads")
        try Expect.equal(try await send("POST", "/v1/interactions/\(UUID().ledgerString)/feedback", key: secrets["read"],
                                        body: ["feedback": "accepted"]).status, 404, "read may give feedback")
        try Expect.equal(try await send("POST", "/v1/interactions/\(UUID().ledgerString)/feedback", key: secrets["ingest"],
                                        body: ["feedback": "accepted"]).status, 403, "ingest may not")
        try Expect.equal(try await send("GET", "/v1/calls", key: "ailk_" + String(repeating: "x", count: 80_000)).status, 401,
                         "a huge forged key")

        let prices: JSONValue = ["prices": [["model": .string("keyed-model-\(tag)"), "effective_from": "2025-01-01", "input": "1", "output": "2"]]]
        try Expect.equal(try await send("POST", "/v1/prices", key: secrets["read"], body: prices).status, 403, "read may not set prices")
        try Expect.equal(try await send("POST", "/v1/prices", key: secrets["ingest"], body: prices).status, 403, "nor may ingest")
        try Expect.equal(try await send("POST", "/v1/prices", key: secrets["admin"], body: prices)["stored"], 1, "admin sets prices")
        try Expect.equal(try await send("GET", "/v1/prices/keyed-model-\(tag)", key: secrets["read"])["price", "output"], "2",
                         "read reads prices")
        try Expect.that(server.process.output.contains("key=read-\(tag)") && server.process.output.contains("key=admin-\(tag)"),
                        "each request's log line names its key")
        try Expect.that(secrets.values.allSatisfy { !server.process.output.contains($0) }, "and never shows one")

        let revoke = try ChildProcess.spawn([binary, "keys", "revoke", "--url", url, "read-\(tag)"])
        try Expect.equal(await revoke.exitStatus(), 0, "keys revoke: \(revoke.output)")
        try await Task.sleep(for: .milliseconds(1_200))
        try Expect.equal(try await send("GET", "/v1/calls", key: secrets["read"]).status, 401, "a revoked key, within a second")

        let list = try ChildProcess.spawn([binary, "keys", "list", "--url", url])
        try Expect.equal(await list.exitStatus(), 0, "keys list")
        try Expect.that(list.output.contains("read-\(tag)") && secrets.values.allSatisfy { !list.output.contains($0) },
                        "keys list names the keys and shows none: \(list.output)")
        let ledger = try await Ledger.open(url: url, drivers: drivers)
        let stored = try await ledger.database.withConnection(.read) { try await $0.query("SELECT key_hash FROM ailedger_api_keys", []) }
        await ledger.close()
        let texts = stored.map { "\($0.values)" }.joined()
        try Expect.that(secrets.values.allSatisfy { !texts.contains($0) }, "only hashes are stored")

        // A key past its rate waits: 429 with Retry-After, as a JSON error.
        let busy = try ChildProcess.spawn([binary, "keys", "create", "--url", url, "--role", "read", "--name", "busy-\(tag)"])
        try Expect.equal(await busy.exitStatus(), 0, "keys create: \(busy.output)")
        let busyKey = busy.output.split(separator: "\n").last.map(String.init) ?? ""
        // Forty requests at once, against a burst of 20 refilled at 5 a second: however slow
        // the machine, they arrive well before the bucket could refill for all of them.
        var limited: HTTPExchange?
        for _ in 0..<3 where limited == nil {
            limited = try await withThrowingTaskGroup(of: HTTPExchange.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        try await HTTPExchange.send("GET", base, "/v1/stats/overview", headers: ["Authorization": "Bearer \(busyKey)"])
                    }
                }
                var throttled: HTTPExchange?
                for try await answer in group where answer.status == 429 { throttled = answer }
                return throttled
            }
        }
        let throttled = try Expect.some(limited, "a key over its burst is throttled")
        try Expect.equal(throttled["error", "code"], "rate_limited", "as a JSON error")
        try Expect.that(Int(throttled.headers["retry-after"] ?? "") ?? 0 >= 1, "with Retry-After: \(throttled.headers)")
        try Expect.equal(none.headers["www-authenticate"], "Bearer", "401 says how to authenticate")

        let open = try ChildProcess.spawn([binary, "serve", "--url", url, "--host", "0.0.0.0", "--port", "0", "--insecure-no-auth"])
        try Expect.equal(await open.exitStatus(), 2, "no keys on a public address: \(open.output)")
        try Expect.that(open.output.contains("loopback"), "says why: \(open.output)")
        let named = try ChildProcess.spawn([binary, "serve", "--url", url, "--host", "127.example.com", "--port", "0", "--insecure-no-auth"])
        try Expect.equal(await named.exitStatus(), 2, "a name that looks like a loopback address is not one: \(named.output)")
    }

    /// The standard-library Python client and the Node client (built-in fetch) each post an
    /// OpenAI response and read back its exact cost.
    static func expectPythonClient(_ base: String) async throws {
        let script = root.appendingPathComponent("Examples/clients/python/record_call.py").path
        let client = try ChildProcess.spawn(["/usr/bin/env", "python3", script, base])
        let status = await client.exitStatus()
        try Expect.equal(status, 0, "the Python client: \(client.output)")
        try Expect.that(client.output.contains("cost $0.0002832 (computed)"), "the Python client reads the exact cost: \(client.output)")
        let node = try ChildProcess.spawn(["/usr/bin/env", "node", root.appendingPathComponent("Examples/clients/node/record_call.mjs").path, base])
        try Expect.equal(await node.exitStatus(), 0, "the Node client: \(node.output)")
        try Expect.that(node.output.contains("cost $0.0002832 (computed)"), "the Node client reads the exact cost: \(node.output)")
    }

    /// Posts to a server with an outbox while `stop` has taken its database away, then
    /// calls `start`: every call answered "accepted" is stored once the database is back,
    /// and /readyz says not ready while records wait in the outbox.
    public static func expectNothingLostWhileTheDatabaseIsDown(url: String, drivers: [any DatabaseDriver],
                                                               stop: @Sendable () async throws -> Void,
                                                               start: @Sendable () async throws -> Void) async throws {
        let migrate = try ChildProcess.spawn([binary, "migrate", "up", "--url", url])
        try Expect.equal(await migrate.exitStatus(), 0, "migrate up: \(migrate.output)")
        let folder = try WriterFaultCases.temporaryFolder("serve-outage")
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = try ChildProcess.spawn([binary, "serve", "--url", url, "--port", "0", "--insecure-no-auth",
                                              "--outbox", folder.appendingPathComponent("outbox.sqlite").path])
        var base = ""
        for _ in 0..<600 where base.isEmpty {
            if let range = process.output.range(of: #"on http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                base = "http://127.0.0.1:" + (process.output[range].split(separator: ":").last.map(String.init) ?? "")
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        let tag = "outage-\(UUID().uuidString)"
        var accepted: Int64 = 0
        func post(_ batch: Int) async throws {
            let calls = (0..<50).map { n -> JSONValue in ["model": "outage", "user_id": .string(tag), "input_tokens": .int(Int64(batch * 50 + n))] }
            if case .int(let n)? = try await HTTPExchange.send("POST", base, "/v1/calls", json: .array(calls))["accepted"] { accepted += n }
        }
        do {
            try Expect.that(!base.isEmpty, "the server started: \(process.output.suffix(1_000))")
            for batch in 0..<5 { try await post(batch) }
            try await stop()
            for batch in 5..<15 { try await post(batch) }
            // Past the writer's spillAfter (2 s), what waited in memory goes to the outbox.
            try await Task.sleep(for: .seconds(3))
            var notReady = false
            for _ in 0..<200 where !notReady {
                notReady = try await HTTPExchange.send("GET", base, "/readyz").status == 503
                if !notReady { try await Task.sleep(for: .milliseconds(50)) }
            }
            try Expect.that(notReady, "/readyz is 503 while the database is away")
            try await start()
            var ready = false
            for _ in 0..<1_200 where !ready {
                ready = try await HTTPExchange.send("GET", base, "/readyz").status == 200
                if !ready { try await Task.sleep(for: .milliseconds(50)) }
            }
            try Expect.that(ready, "/readyz is 200 once the outbox has replayed")
            process.send(SIGTERM)
            try Expect.equal(await process.exitStatus(), 0, "exit after SIGTERM: \(process.output.suffix(2_000))")
        } catch {
            try? await start()
            await process.kill()
            throw ConformanceFailure(message: "\(error)\nthe server printed: \(process.output.suffix(3_000))", location: #fileID)
        }
        try Expect.equal(accepted, 750, "every call accepted, also while the database was away")
        let ledger = try await Ledger.open(url: url, drivers: drivers)
        let stored = try await ledger.usage(LedgerFilter(userID: tag))
        await ledger.close()
        try Expect.equal(stored.calls, accepted, "every accepted call stored once")
        try Expect.equal(stored.tokens.input, Int64((0..<750).reduce(0, +)), "each exactly once")
    }
}
