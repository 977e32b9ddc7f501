import AILedger
import Foundation

/// The dashboard as its users meet it: `ailedger serve` with keys on loopback, records sent
/// through the API, and headless Chromium driven by Selenium (Tests/Dashboard/dashboard_test.py)
/// signing in, opening every view, comparing figures with the API, filtering, paging,
/// exporting, giving feedback and signing out.
public enum DashboardScenario {
    /// Runs the scenario against the database at `url`, opened with `drivers` to check what
    /// the page stored. With `AILEDGER_SCREENSHOTS` set to a folder, a PNG of each view at
    /// 1280 and 390 px lands there.
    public static func expectServes(url: String, drivers: [any DatabaseDriver]) async throws {
        let python = ServeScenario.root.appendingPathComponent(".build/browser-venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ConformanceFailure(message: "\(python) is missing: make test makes it (scripts/browser-venv.sh)", location: #fileID)
        }
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw ConformanceFailure(message: "\(tool) is missing: make test-deps installs chromium and chromium-driver", location: #fileID)
        }
        let tag = "dash-\(UUID().uuidString.prefix(8).lowercased())"
        let server = try await KeyedServer.start(url: url, roles: ["ingest", "read"], tag: tag, arguments: ["--requests-per-second", "1000"])
        try await server.run {
            try await exercise(base: server.base, python: python, keys: server.keys, tag: tag, url: url, drivers: drivers)
        }
    }

    static func exercise(base: String, python: String, keys: [String: String], tag: String, url: String,
                         drivers: [any DatabaseDriver]) async throws {
        let ingest = ["Authorization": "Bearer \(keys["ingest"] ?? "")"], read = ["Authorization": "Bearer \(keys["read"] ?? "")"]
        // The page and its files need no key; the API does.
        let page = try await HTTPExchange.send("GET", base, "/")
        try Expect.equal(page.status, 200, "GET /")
        try Expect.that(page.headers["content-security-policy"]?.contains("default-src 'self'") == true, "the page has a CSP")
        try Expect.that(page.text.contains("dashboard.js"), "the page loads its script")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/dashboard/assets/dashboard.js").status, 200, "the script")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/dashboard/assets/nothing.js").status, 404, "an unknown file")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/dashboard/session").status, 401, "no session yet")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/v1/stats/overview").status, 401, "the API needs a key")

        let batch = try await HTTPExchange.send("POST", base, "/v1/batch?wait=commit", body: Data(records(tag).jsonText.utf8), headers: ingest)
        try Expect.equal(batch.status, 200, "the records are accepted: \(batch.text.prefix(500))")
        try Expect.equal(batch["rejected"], [], "nothing refused: \(batch.text.prefix(500))")

        let signIn = try await HTTPExchange.send("POST", base, "/dashboard/session", body: Data(#"{"key": "\#(keys["read"] ?? "")"}"#.utf8))
        try Expect.equal(signIn.status, 200, "sign-in with a read key")
        let cookie = signIn.headers["set-cookie"] ?? ""
        try Expect.that(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"),
                        "an HttpOnly, SameSite=Strict cookie, not Secure over plain HTTP: \(cookie.prefix(80))")
        let proxied = try await HTTPExchange.send("POST", base, "/dashboard/session", body: Data(#"{"key": "\#(keys["read"] ?? "")"}"#.utf8),
                                                  headers: ["X-Forwarded-Proto": "https"])
        try Expect.that(proxied.headers["set-cookie"]?.contains("; Secure") == true, "Secure behind a TLS proxy")
        let refused = try await HTTPExchange.send("POST", base, "/dashboard/session", body: Data(#"{"key": "\#(keys["ingest"] ?? "")"}"#.utf8))
        try Expect.equal(refused.status, 403, "an ingest key cannot sign in")
        // What another site's page could send: a form (not JSON by its type), a cross-site POST.
        let form = try await HTTPExchange.send("POST", base, "/dashboard/session", body: Data(#"{"key": "\#(keys["read"] ?? "")"}"#.utf8),
                                               headers: ["Content-Type": "text/plain"])
        try Expect.equal(form.status, 415, "a sign-in that is not JSON by its type is refused")
        let crossSite = try await HTTPExchange.send("POST", base, "/v1/calls", body: Data(#"{"model": "gpt-4o"}"#.utf8),
                                                    headers: ingest.merging(["Origin": "https://elsewhere.example", "Sec-Fetch-Site": "cross-site"]) { $1 })
        try Expect.equal(crossSite.status, 403, "a browser's POST from another site is refused, key or not")
        try Expect.equal(crossSite["error", "code"], "cross_origin", "and says why")
        let sameOrigin = try await HTTPExchange.send("POST", base, "/v1/calls?wait=commit", body: Data(#"{"model": "gpt-4o", "user_id": "other-\#(tag)"}"#.utf8),
                                                     headers: ingest.merging(["Origin": base, "Sec-Fetch-Site": "same-origin"]) { $1 })
        try Expect.equal(sameOrigin.status, 200, "a POST from the server's own page passes: \(sameOrigin.text.prefix(300))")
        // Odd cookies and sign-in bodies: refused plainly, the server still answers.
        for cookie in ["ailedger_session=short; ailedger_session=\(String(repeating: "x", count: 43))",
                       "ailedger_session", ";;==;", "ailedger_session=" + String(repeating: "y", count: 9_000)] {
            // curl, not URLSession, whose cookie store would add the session signed in above.
            let asked = try ChildProcess.spawn(["/usr/bin/env", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Cookie: \(cookie)",
                                                base + "/dashboard/session"])
            try Expect.equal(await asked.exitStatus(), 0, "curl ran")
            try Expect.equal(asked.output, "401", "an unknown or malformed session cookie: \(cookie.prefix(40))")
        }
        for body in ["", "{\"key\": 5}", "[]", String(repeating: "[", count: 100_000), "{\"key\": \"\u{0}\"}"] {
            let answer = try await HTTPExchange.send("POST", base, "/dashboard/session", body: Data(body.utf8))
            try Expect.that([400, 401].contains(answer.status), "a bad sign-in body gets 400 or 401: \(answer.status) \(answer.text.prefix(200))")
        }
        let sandboxed = try await HTTPExchange.send("POST", base, "/v1/calls", body: Data(#"{"model": "gpt-4o"}"#.utf8),
                                                    headers: ingest.merging(["Origin": "null"]) { $1 })
        try Expect.equal(sandboxed.status, 403, "a sandboxed page (Origin: null) may not write")
        try Expect.equal(try await HTTPExchange.send("GET", base, "/v1/stats/interactions?user_id=\(tag)", headers: read)["interactions"], 14,
                         "the interactions sent")

        var arguments = [python, ServeScenario.root.appendingPathComponent("Tests/Dashboard/dashboard_test.py").path,
                         base, keys["read"] ?? "", keys["ingest"] ?? "", tag]
        if let shots = ProcessInfo.processInfo.environment["AILEDGER_SCREENSHOTS"], !shots.isEmpty {
            try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
            arguments.append(shots)
        }
        let browser = try ChildProcess.spawn(arguments)
        let status = await browser.exitStatus()
        let last = browser.output.split(separator: "\n").last.map(String.init) ?? ""
        guard status == 0, let report = try? JSONValue(jsonText: last), case .object(let fields) = report, fields["passed"] == true else {
            throw ConformanceFailure(message: "the browser test failed: \(browser.output.suffix(3_000))", location: #fileID)
        }
        // What the page said it stored is in the database.
        guard let id = fields["seen"]?.objectValue?["feedback_on"]?.stringValue, let uuid = UUID(uuidString: id) else {
            throw ConformanceFailure(message: "the browser test gave no feedback: \(last)", location: #fileID)
        }
        let ledger = try await Ledger.open(url: url, drivers: drivers)
        let interaction = try await ledger.interaction(id: uuid)
        await ledger.close()
        try Expect.equal(interaction?.feedback?.rating, .rejected, "the verdict given on the page")
        try Expect.equal(interaction?.feedback?.qualityScore, 17, "the score given on the page")
        try Expect.equal(interaction?.feedback?.comment, "wrong order number, from the browser", "the comment given on the page")
    }

    /// Fourteen interactions of two types (two failed, three with a variable missing, four
    /// with feedback, two prompt versions, three in one conversation) and sixty calls over
    /// three models, four of them failed; all for user `tag`, all in the last hour.
    static func records(_ tag: String) -> JSONValue {
        let conversation = UUID.v7().ledgerString
        let models = ["gpt-4o-mini", "claude-3-5-haiku-20241022", "gemini-2.5-flash"]
        var interactions: [JSONValue] = [], calls: [JSONValue] = []
        let ids = (0..<14).map { _ in UUID.v7().ledgerString }
        let now = Date()
        func time(_ minutesAgo: Int) -> JSONValue {
            .string(Timestamp.iso8601(microseconds: Timestamp.microseconds(now.addingTimeInterval(-Double(minutesAgo) * 60))))
        }
        for n in 0..<14 {
            let id = ids[n]
            var fields: [String: JSONValue] = [
                "id": .string(id), "user_id": .string(tag), "created_at": time(50 - n),
                "interaction_type": n % 3 == 0 ? "sql_answer" : "order_summary", "status": n == 4 || n == 9 ? "error" : "success",
                "latency_ms": .double(Double(400 + 137 * n)), "prompt_id": "order-summary", "prompt_version": n % 2 == 0 ? "v1" : "v2",
                "input_text": .string("Summarise order \(1_000 + n) for the customer, politely."),
                "output_text": .string("Order \(1_000 + n) shipped on time."),
                "input_variables": ["order_id": .string("\(1_000 + n)"), "tone": "polite"],
            ]
            if n < 3 {
                fields["conversation_id"] = .string(conversation)
            }
            if n % 5 == 1 { fields["missing_variables"] = ["customer_name"] }
            if n == 4 || n == 9 { fields["error_code"] = "timeout"; fields["error_message"] = "the model did not answer in 30 s" }
            if n % 3 == 2 { fields["feedback"] = n % 2 == 0 ? "accepted" : "rejected"; fields["quality_score"] = .int(Int64(60 + n)) }
            if n % 3 == 0 {
                fields["sql_queries"] = [["statement": .string("SELECT * FROM orders WHERE id = \(1_000 + n)"), "database": "shop",
                                          "result_count": 1, "duration_ms": 4.5, "status": "success"]]
            }
            interactions.append(.object(fields))
        }
        for n in 0..<60 {
            let model = models[n % 3]
            var fields: [String: JSONValue] = [
                "model": .string(model), "user_id": .string(tag), "created_at": time(55 - n / 2), "call_type": n % 2 == 0 ? "summary" : "sql",
                "input_tokens": .int(Int64(500 + 10 * n)), "output_tokens": .int(Int64(100 + n)), "latency_ms": .double(Double(300 + 25 * n)),
                "status": n % 15 == 7 ? "error" : "success", "input_text": .string("prompt \(n)"), "output_text": .string("answer \(n)"),
            ]
            if n < 14 { fields["interaction_id"] = .string(ids[n]) }
            if n % 15 == 7 { fields["error_code"] = "rate_limited"; fields["error_message"] = "429 from the provider" }
            calls.append(.object(fields))
        }
        return ["conversations": [["id": .string(conversation), "user_id": .string(tag), "title": "order 1000"]],
                "interactions": .array(interactions), "calls": .array(calls)]
    }
}
