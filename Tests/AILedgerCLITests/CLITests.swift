import AILedger
import AILedgerConformance
import AILedgerSQLite
import Foundation
import Testing

/// The `ailedger` binary run as a user runs it, on a SQLite file: hostile arguments get a
/// clear error naming the option, never a crash or a password on the screen.
@Suite struct CLITests {
    /// The binary `swift build --build-tests` puts beside the test bundle.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ailedger").path

    /// Runs `ailedger` with `arguments`; returns its exit status and what it printed.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build it with swift build --build-tests")
        let child = try ChildProcess.spawn([binary] + arguments)
        let status = await child.exitStatus()
        return (status, child.output)
    }

    /// Completion scripts for each shell name the commands and their options.
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsAreGenerated(_ shell: String) async throws {
        let result = try await Self.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.output.prefix(500))")
        for word in ["migrate", "stats", "prices", "serve", "read-url"] {
            #expect(result.output.contains(word), "the \(shell) script offers \(word)")
        }
    }

    /// A migrated SQLite ledger holding `calls`.
    static func ledger(with calls: [Call]) async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = "sqlite://" + folder.appendingPathComponent("cli.sqlite").path
        let ledger = try await Ledger.open(url: url, drivers: [SQLiteDriver()])
        try await ledger.migrate()
        for call in calls { try await ledger.record(call) }
        await ledger.close()
        return url
    }

    /// `--format json` prints what the HTTP API answers to the same question, byte for byte:
    /// one encoder serves both. `--format jsonl` prints the same records one per line.
    @Test func jsonIsWhatTheAPIAnswers() async throws {
        let conversation = Conversation(userID: "u1", channel: "web", title: "order")
        let interaction = Interaction(conversationID: conversation.id, interactionType: "support", userID: "u1",
                                      inputText: "where is my order?", outputText: "on its way")
        var calls: [Call] = []
        for i in 0..<6 {
            let turn = i < 2, failed = i == 5
            let model = i % 2 == 0 ? "gpt-4o" : "claude-sonnet-4"
            calls.append(Call(interactionID: turn ? interaction.id : nil, conversationID: turn ? conversation.id : nil,
                              createdAt: Date().addingTimeInterval(-3_600 * Double(i)), model: model,
                              status: failed ? .error : .success, userID: "u\(i % 3)", usage: TokenUsage(input: 100 + Int64(i), output: 10),
                              latencyMs: Double(100 * (i + 1)), errorCode: failed ? "rate_limited" : nil))
        }
        let url = try await Self.ledger(with: [])
        let ledger = try await Ledger.open(url: url, drivers: [SQLiteDriver()])
        try await ledger.record(conversation)
        try await ledger.record(interaction, calls: Array(calls[..<2]))
        for call in calls[2...] { try await ledger.record(call) }
        await ledger.close()

        let server = try ChildProcess.spawn([Self.binary, "serve", "--url", url, "--port", "0", "--insecure-no-auth", "--no-outbox"])
        defer { server.send(SIGTERM) }
        var port: Int?
        for _ in 0..<600 where port == nil {
            try await Task.sleep(for: .milliseconds(50))
            if let line = server.output.split(separator: "\n").first(where: { $0.contains("serving") }),
               let address = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }) {
                port = address.split(separator: ":").last.flatMap { Int($0) }
            }
        }
        let base = "http://127.0.0.1:\(try #require(port, "the server said its port: \(server.output)"))"
        let questions: [(cli: [String], api: String)] = [
            (["stats", "overview"], "/v1/stats/overview"), (["stats", "by", "model"], "/v1/stats/by/model"),
            (["stats", "by", "hour"], "/v1/stats/series/hour"), (["calls", "list", "--limit", "10"], "/v1/calls?limit=10"),
            (["calls", "list", "--limit", "2"], "/v1/calls?limit=2"), (["interactions", "list"], "/v1/interactions?limit=50"),
            (["conversations", "list"], "/v1/conversations?limit=50"), (["conversations", "show", conversation.id.ledgerString],
                                                                         "/v1/conversations/\(conversation.id.ledgerString)"),
            (["stats", "failures"], "/v1/stats/failures?limit=50"), (["stats", "data-quality"], "/v1/stats/data-quality"),
            (["stats", "feedback"], "/v1/stats/feedback"), (["prices", "list"], "/v1/prices"),
        ]
        for (cli, api) in questions {
            let printed = try await Self.run(cli + ["--url", url, "--format", "json"])
            let answered = try await HTTPExchange.send("GET", base, api)
            #expect(printed.status == 0 && answered.status == 200, "\(cli): \(printed.output) / \(answered.text)")
            // Nothing but the document: the next page's cursor is in it, not on standard error.
            let document = printed.output.hasSuffix("\n") ? String(printed.output.dropLast()) : printed.output
            #expect(document == answered.text, "\(cli) prints what GET \(api) answers")
            #expect(try JSONValue(jsonText: document) == answered.json)
        }
        let lines = try await Self.run(["calls", "list", "--url", url, "--format", "jsonl"])
        let records = lines.output.split(separator: "\n").map { try? JSONValue(jsonText: String($0)) }
        #expect(lines.status == 0 && records.count == calls.count, "\(lines.output)")
        let listed = try await HTTPExchange.send("GET", base, "/v1/calls?limit=50")
        guard case .object(let list) = listed.json, case .object(let fields) = try JSONValue(jsonText: (try await Self.run(
            ["stats", "overview", "--url", url, "--format", "json"])).output) else { Issue.record("not objects"); return }
        #expect(JSONValue.array(records.compactMap { $0 }) == list["calls"], "one call per line, as the API lists them")
        guard case .string(let cost)? = fields["cost_usd"], case .double(let p50)? = fields["latency_p50_ms"] else {
            Issue.record("cost_usd, latency_p50_ms: \(fields)")
            return
        }
        #expect(abs(p50 - 300) < 10, "the median latency, from the rollups' histogram: \(p50)")
        #expect(fields["calls"] == .int(6) && fields["errors"] == .int(1) && fields["input_tokens"] == .int(615)
                && Decimal(string: cost) != nil && fields["cache_write_tokens"] == .null,
                "numbers as numbers, snake_case keys, the cost as an exact decimal string: \(fields)")
    }

    /// `make man` writes ailedger(1) from the binary's own description of itself: every
    /// command and option is in it.
    @Test func theManPageHoldsEveryCommand() async throws {
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-\(UUID().uuidString).1")
        defer { try? FileManager.default.removeItem(at: page) }
        let script = try ChildProcess.spawn(["/usr/bin/env", "python3", "scripts/manpage.py", Self.binary, page.path])
        #expect(await script.exitStatus() == 0, "\(script.output)")
        let text = try String(contentsOf: page, encoding: .utf8)
        for command in ["migrate up", "stats overview", "stats by", "calls list", "conversations show", "serve", "keys create",
                        "retention apply", "prices recompute"] {
            #expect(text.contains(".SS ailedger \(command)\n"), "\(command)")
        }
        #expect(text.hasPrefix(".TH AILEDGER 1") && text.contains(".SH EXIT STATUS") && text.contains("\\-\\-format"))
    }

    /// Long commands draw a progress line on a terminal and print none of it into a pipe.
    @Test func progressOnlyOnATerminal() async throws {
        let url = try await Self.ledger(with: [])
        let demo = try await Self.run(["demo", "--url", url, "--calls", "1500"])
        #expect(demo.status == 0, "\(demo.output)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-export-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let commands: [(arguments: [String], progress: String)] = [
            (["prices", "recompute", "--batch-size", "100"], "calls examined"), (["rollups", "rebuild"], "through 20"),
            (["export", "--kind", "calls", "--format", "jsonl", "--page-size", "100", "--output", file.path], "MiB written"),
        ]
        for (arguments, progress) in commands {
            let piped = try await Self.run(arguments + ["--url", url])
            #expect(piped.status == 0 && !piped.output.contains(progress) && !piped.output.contains("\u{1B}"), "\(arguments): \(piped.output)")
            // `script` runs the command on a pseudo-terminal, as at a person's terminal.
            let line = ([Self.binary] + arguments + ["--url", url]).map { "'\($0)'" }.joined(separator: " ")
            let terminal = try ChildProcess.spawn(["/usr/bin/script", "-qec", line, "/dev/null"])
            let status = await terminal.exitStatus()
            #expect(status == 0 && terminal.output.contains(progress), "\(arguments) on a terminal: \(terminal.output.suffix(400))")
        }
    }

    /// Exit status 0 when done, 1 when the command failed, 2 for bad usage.
    @Test func exitStatusSaysWhatHappened() async throws {
        let url = try await Self.ledger(with: [Call(model: "m")])
        #expect(try await Self.run(["stats", "overview", "--url", url]).status == 0)
        let missing = try await Self.run(["conversations", "show", UUID().uuidString, "--url", url])
        #expect(missing.status == 1 && missing.output.contains("no conversation has id"), "\(missing.output)")
        let unreadable = try await Self.run(["ingest", "/nonexistent/calls.jsonl", "--url", url])
        #expect(unreadable.status == 1 && unreadable.output.contains("cannot read"), "\(unreadable.output)")
        for usage in [["stats", "bogus", "--url", url], ["calls", "list", "--limit", "0", "--url", url], ["nonsense"],
                      ["calls", "list", "--url", url, "--format", "yaml"]] {
            let refused = try await Self.run(usage)
            #expect(refused.status == 2, "\(usage): \(refused.output)")
        }
        #expect(try await Self.run(["--help"]).status == 0)
    }

    /// Time buckets read as people write them, and the overview as a measure / value table
    /// that fits 80 columns.
    @Test func tablesAreForPeople() async throws {
        let hour = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24T16:00:00Z
        let url = try await Self.ledger(with: [Call(createdAt: hour.addingTimeInterval(60), model: "a-model-with-a-rather-long-name-2025-11-24",
                                                    status: .error, usage: TokenUsage(input: 1, output: 1), errorCode: "rate_limited",
                                                    errorMessage: String(repeating: "Rate limit reached for requests per minute. ", count: 4)),
                                               Call(createdAt: hour.addingTimeInterval(86_400 * 20), model: "m")])
        let window = ["--url", url, "--since", "2025-11-01T00:00:00Z", "--until", "2026-01-01T00:00:00Z"]
        for (bucket, label) in [("hour", "2025-11-24 16:00"), ("day", "2025-11-24"), ("week", "2025-11-24"), ("month", "2025-11")] {
            let table = try await Self.run(["stats", "by", bucket] + window)
            #expect(table.status == 0 && table.output.contains(label) && !table.output.contains("T00:00:00Z"), "\(bucket): \(table.output)")
        }
        for command in [["stats", "overview"], ["stats", "by", "model"], ["stats", "by", "day"], ["calls", "list"], ["interactions", "list"],
                        ["conversations", "list"], ["stats", "failures"], ["stats", "feedback"]] {
            let table = try await Self.run(command + window)
            #expect(table.status == 0, "\(table.output)")
            for line in table.output.split(separator: "\n") { #expect(line.count <= 80, "\(command): \(line)") }
        }
        for command in [["prices", "list"], ["migrate", "status"], ["keys", "list"], ["rollups", "status"]] {
            let table = try await Self.run(command + ["--url", url])
            #expect(table.status == 0, "\(table.output)")
            for line in table.output.split(separator: "\n") { #expect(line.count <= 80, "\(command): \(line)") }
        }
        let overview = try await Self.run(["stats", "overview"] + window)
        #expect(overview.output.contains("measure") && overview.output.contains("p99 latency ms"), "\(overview.output)")
        let wide = try await Self.run(["stats", "by", "model", "--wide"] + window)
        #expect(wide.output.contains("reasoning") && wide.output.contains("unpriced"), "\(wide.output)")
        // CSV is for programs: every column, under the names and in the order it always had.
        let csv = try await Self.run(["stats", "by", "model", "--format", "csv"] + window)
        #expect(csv.output.hasPrefix("model,calls,success,errors,input tokens,cache read,output tokens,reasoning,cost,unpriced,avg latency ms\n"),
                "\(csv.output)")
        let overviewCSV = try await Self.run(["stats", "overview", "--format", "csv"] + window)
        #expect(overviewCSV.output.hasPrefix("calls,success,errors,input tokens,cache read,output tokens,reasoning,cost,unpriced,avg latency ms,"
                                             + "partial,p50 ms,p95 ms,p99 ms\n2,"), "\(overviewCSV.output)")
        let calls = try await Self.run(["calls", "list", "--wide"] + window)
        #expect(calls.output.contains("latency ms") && calls.output.contains("user"), "\(calls.output)")
    }

    /// Monthly partitions are PostgreSQL's: elsewhere the command says so and changes nothing.
    @Test func partitionsAreRefusedOffPostgreSQL() async throws {
        let url = try await Self.ledger(with: [Call(model: "m")])
        let enable = try await Self.run(["partitions", "enable", "--url", url])
        #expect(enable.status == 1 && enable.output.contains("PostgreSQL only"), "\(enable.output)")
        let list = try await Self.run(["partitions", "list", "--url", url])
        #expect(list.status == 1 && list.output.contains("not partitioned"), "\(list.output)")
    }

    @Test func aCursorPastYear9999IsRefusedByName() async throws {
        let url = try await Self.ledger(with: [Call(model: "m")])
        let result = try await Self.run(["calls", "list", "--url", url, "--after", "253402300800000000_01a197f2-e1b2-7acd-a820-cf4540870376"])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.output.contains("--after is not a cursor"), "\(result.output)")
        #expect(!result.output.contains("Fatal error"))
    }

    @Test func timesWithNanosecondsAreRead() async throws {
        let url = try await Self.ledger(with: [Call(model: "m")])
        let result = try await Self.run(["calls", "list", "--url", url, "--since", "2025-01-01T00:00:00.1234567Z", "--format", "csv"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("m"))
    }

    @Test(arguments: ["1e300d", "infd", "-5h", "99999999999d", "2025-02-30", "x"])
    func badTimesAreRefusedByName(_ since: String) async throws {
        let url = try await Self.ledger(with: [])
        let result = try await Self.run(["calls", "list", "--url", url, "--since", since])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.output.contains("--since"), "\(result.output)")
        #expect(!result.output.contains("Fatal error"))
    }

    @Test(arguments: ["postgres:/user:hunter2@h/db", "postgres:user:hunter2@h/db", "postgres//user:hunter2@h/db",
                      "postgres://u:hunter2/x@h/db", "mysql://u:hunter2?x@h/db", "postgres://u:p@ss/hunter2@h/db",
                      "mysql://u:p@ss?hunter2@h/db"])
    func noURLFormPrintsItsPassword(_ url: String) async throws {
        let result = try await Self.run(["calls", "list", "--url", url])
        #expect(result.status != 0)
        #expect(result.status < 128, "ended by a signal: \(result.output)")
        #expect(!result.output.contains("hunter2"), "\(result.output)")
    }

    @Test func exportsAreOwnerOnlyAndDefuseFormulas() async throws {
        let url = try await Self.ledger(with: [Call(model: "=HYPERLINK(\"http://x\")", userID: "+1+cmd", errorMessage: "a,\u{301}b\r\nc")])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-export-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        // A file that is already there, readable by all, is made the owner's only.
        _ = FileManager.default.createFile(atPath: file, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
        let result = try await Self.run(["export", "--url", url, "--output", file])
        #expect(result.status == 0, "\(result.output)")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "\(text)")
        #expect(text.contains(",'+1+cmd,"), "\(text)")
        #expect(text.contains("\"a,\u{301}b\r\nc\""), "\(text)")
    }

    @Test func tablesNeverPassEscapeSequencesToTheTerminal() async throws {
        let url = try await Self.ledger(with: [Call(model: "evil\u{1B}[2J\u{1B}]0;title\u{07}", userID: "u\u{9B}31m")])
        let result = try await Self.run(["calls", "list", "--url", url])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("evil?[2J?]0;title?"), "\(result.output)")
        #expect(!result.output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
    }

    @Test func ingestRecordsJSONLinesAndNamesTheLinesThatFail() async throws {
        let url = try await Self.ledger(with: [])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-ingest-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let lines = [
            #"{"model": "gpt-4o", "user_id": "hist", "input_tokens": 1000, "output_tokens": 200}"#,
            #"{"model": "gpt-4o", "user_id": "hist", "inptu_tokens": 5}"#,
            #"{"user_id": "hist", "response": {"model": "gpt-4o-mini", "usage": {"prompt_tokens": 1200, "completion_tokens": 300}}}"#,
            "not json",
            "",
            #"{"model": "claude-3-5-haiku", "user_id": "hist", "input_tokens": 10, "cache_read_tokens": 20}"#,
        ]
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let result = try await Self.run(["ingest", "--url", url, file.path])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("line 2: inptu_tokens: is not a known field"), "\(result.output)")
        #expect(result.output.contains("line 4: not JSON"), "\(result.output)")
        #expect(result.output.contains("line 6: cache_read_tokens:"), "\(result.output)")
        #expect(result.output.contains("2 calls recorded, 3 lines failed"), "\(result.output)")
        let ledger = try await Ledger.open(url: url, drivers: [SQLiteDriver()])
        let usage = try await ledger.usage(LedgerFilter(userID: "hist"))
        await ledger.close()
        #expect(usage.calls == 2)
        #expect(usage.tokens.input == 2_200)

        // A call whose interaction was never recorded is refused by the database: said, and exit 1.
        try Data(#"{"model": "orphan", "interaction_id": "01a197f2-e1b2-7acd-a820-cf4540870376"}"#.utf8).write(to: file)
        let orphan = try await Self.run(["ingest", "--url", url, file.path])
        #expect(orphan.status == 1, "\(orphan.output)")
        #expect(orphan.output.contains("1 records refused by the database"), "\(orphan.output)")
    }

    @Test func rollupsAreRebuiltForCallsStoredBeforeThem() async throws {
        let calls = (0..<30).map { i in Call(createdAt: Date(timeIntervalSince1970: 1_750_000_000 + Double(i) * 7_000), model: "m\(i % 3)",
                                              usage: TokenUsage(input: 10, output: 2), costUSD: 0.001) }
        let url = try await Self.ledger(with: calls)
        let down = try await Self.run(["migrate", "down", "--url", url, "--steps", "3"])
        #expect(down.status == 0, "\(down.output)")
        // Migration 5 meets calls already stored: they are not in the rollups yet.
        let up = try await Self.run(["migrate", "up", "--url", url])
        #expect(up.status == 0, "\(up.output)")
        #expect(up.output.contains("Run `ailedger rollups rebuild`"), "\(up.output)")
        let before = try await Self.run(["rollups", "status", "--url", url])
        #expect(before.output.contains("do not count every stored record"), "\(before.output)")
        let rebuild = try await Self.run(["rollups", "rebuild", "--url", url])
        #expect(rebuild.status == 0, "\(rebuild.output)")
        #expect(rebuild.output.contains("Recounted 30 calls"), "\(rebuild.output)")
        #expect(!rebuild.output.unicodeScalars.contains { $0.value == 0x1B || $0 == "\r" }, "no progress line in a pipe")
        let after = try await Self.run(["rollups", "status", "--url", url])
        #expect(after.output.contains("The rollups count every stored call"), "\(after.output)")
        let ledger = try await Ledger.open(url: url, drivers: [SQLiteDriver()])
        #expect(try await ledger.aggregateSource() == .rollups)
        let usage = try await ledger.usage()
        await ledger.close()
        #expect(usage.calls == 30)
        #expect(usage.costUSD == Decimal(string: "0.03"))
        let bad = try await Self.run(["rollups", "rebuild", "--url", url, "--since", "2025-02-30"])
        #expect(bad.status == 2, "\(bad.output)")
    }

    @Test func redactShowsWhatTheLedgerWouldStore() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("prompts.txt")
        try Data("my key is sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAB7cD0eF\nmail jane@example.com, card 4111 1111 1111 1111\n".utf8).write(to: text)
        // By default only secrets go.
        let secrets = try await Self.run(["redact", text.path])
        #expect(secrets.status == 0, "\(secrets.output)")
        #expect(secrets.output.contains("my key is [OPENAI_KEY]\nmail jane@example.com, card 4111 1111 1111 1111"), "\(secrets.output)")
        #expect(secrets.output.contains("1 values replaced: openai_key 1"), "\(secrets.output)")
        // A configuration file, overridden by --redact.
        let config = folder.appendingPathComponent("ailedger.json")
        try Data(#"{"redaction": {"detectors": {"email": "mask", "payment_card": "mask"}, "rules": [{"name": "key_talk", "pattern": "my key is"}]}}"#.utf8)
            .write(to: config)
        let configured = try await Self.run(["redact", "--config", config.path, text.path])
        #expect(configured.output.contains("[KEY_TALK] sk-proj-"), "\(configured.output)")
        #expect(configured.output.contains("mail j***@example.com, card ****1111"), "\(configured.output)")
        let all = try await Self.run(["redact", "--config", config.path, "--redact", "all", text.path])
        #expect(all.output.contains("[KEY_TALK] ****D0eF\nmail j***@example.com, card ****1111"), "\(all.output)")
        // A mistake names the field, and the key never shows.
        try Data(#"{"redaction": {"detectors": ["emial"]}}"#.utf8).write(to: config)
        let wrong = try await Self.run(["redact", "--config", config.path, text.path])
        #expect(wrong.status != 0 && wrong.output.contains("redaction.detectors[0] 'emial' is not a detector"), "\(wrong.output)")
        try Data(#"{"redaction": {"detectors": {"email": "pseudonym"}, "pseudonym_key_env": "AILEDGER_TEST_NO_SUCH_KEY"}}"#.utf8).write(to: config)
        let keyless = try await Self.run(["redact", "--config", config.path, text.path])
        #expect(keyless.status != 0 && keyless.output.contains("AILEDGER_TEST_NO_SUCH_KEY, which is not set"), "\(keyless.output)")
    }

    /// A LiteLLM price file imported without naming its format: what was stored, what was
    /// left out and why, and the call a Gemini response reports priced from it.
    @Test func importsALiteLLMFileToldFromItsContent() async throws {
        let url = try await Self.ledger(with: [])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("litellm-\(UUID().uuidString).json")
        try Data(#"""
            {"gemini/gemini-2.5-flash": {"input_cost_per_token": 3e-07, "output_cost_per_token": 2.5e-06, "litellm_provider": "gemini", "mode": "chat"},
             "gemini-2.5-flash": {"input_cost_per_token": 3.1e-07, "output_cost_per_token": 2.5e-06, "litellm_provider": "vertex_ai-language-models"},
             "dall-e-3": {"output_cost_per_image": 0.04, "litellm_provider": "openai", "mode": "image_generation"},
             "gpt-image-1": {"input_cost_per_token": 5e-06, "litellm_provider": "openai", "mode": "image_generation"},
             "claude-sonnet-latest": {"alias_of": "claude-sonnet-4-5"}}
            """#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let before = try await Self.run(["prices", "diff", file.path, "--url", url, "--effective-from", "2025-07-01"])
        // The Vertex twin is new; Gemini's own price differs from the bundled one: the file sets no cache-read rate.
        #expect(before.status == 0 && before.output.contains("The litellm file: 1 new, 1 changed, 0 unchanged. Nothing was stored"),
                "\(before.output)")
        #expect(before.output.contains("cache read: 0.075 → 0.3"), "\(before.output)")
        #expect(before.output.contains("vertex_ai") && before.output.contains("input 0.31, output 2.5"), "\(before.output)")
        let imported = try await Self.run(["prices", "import", file.path, "--url", url, "--effective-from", "2025-07-01"])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("Stored 2 prices from the litellm file."), "\(imported.output)")
        #expect(imported.output.contains("Left out (no per-token price, or a twin): 2 image_generation, 1 alias."), "\(imported.output)")
        // Before the bundled book's later Gemini price (2025-11-07), the imported one is in force.
        let shown = try await Self.run(["prices", "show", "gemini-2.5-flash", "--provider", "google", "--url", url, "--at", "2025-08-01"])
        #expect(shown.status == 0 && shown.output.contains("0.3") && !shown.output.contains("0.31"), "\(shown.output)")
        #expect(shown.output.contains(file.lastPathComponent), "the imported price, not the bundled one: \(shown.output)")
        let vertex = try await Self.run(["prices", "show", "gemini-2.5-flash", "--provider", "vertex_ai", "--url", url, "--at", "2025-08-01"])
        #expect(vertex.status == 0 && vertex.output.contains("0.31"), "\(vertex.output)")
        let same = try await Self.run(["prices", "diff", file.path, "--url", url, "--effective-from", "2025-07-01"])
        #expect(same.status == 0 && same.output.contains("0 new, 0 changed, 2 unchanged"), "\(same.output)")
        // A later file raising Gemini's input price: one change, named with both rates.
        try Data(#"{"gemini/gemini-2.5-flash": {"input_cost_per_token": 3.5e-07, "output_cost_per_token": 2.5e-06, "litellm_provider": "gemini"}}"#
            .utf8).write(to: file)
        let raised = try await Self.run(["prices", "diff", file.path, "--url", url, "--effective-from", "2025-09-01"])
        #expect(raised.status == 0 && raised.output.contains("input: 0.3 → 0.35") && raised.output.contains("0 new, 1 changed"),
                "\(raised.output)")
        try Data(#"{"models": {"gpt-4o": {"input": 2.5}}}"#.utf8).write(to: file)
        let unknown = try await Self.run(["prices", "import", file.path, "--url", url])
        #expect(unknown.status != 0 && unknown.output.contains("--format ailedger") && unknown.output.contains("--format litellm"),
                "\(unknown.output)")
    }

    @Test func retentionApplyCountsRemovesAndRefusesBadAges() async throws {
        let old = Date().addingTimeInterval(-40 * 86_400)
        let calls = (0..<30).map { i in Call(createdAt: i < 20 ? old.addingTimeInterval(Double(i)) : Date(), model: "m", usage: TokenUsage(input: 1, output: 1)) }
        let url = try await Self.ledger(with: calls)
        let dry = try await Self.run(["retention", "apply", "--url", url, "--older-than", "30d", "--dry-run"])
        #expect(dry.status == 0 && dry.output.contains("Would remove") && dry.output.contains("calls           20"), "\(dry.output)")
        let applied = try await Self.run(["retention", "apply", "--url", url, "--older-than", "4w", "--archive", "table", "--kind", "calls"])
        #expect(applied.status == 0 && applied.output.contains("calls           20, 20 archived"), "\(applied.output)")
        #expect(!applied.output.unicodeScalars.contains { $0.value == 0x1B || $0 == "\r" }, "no progress line in a pipe")
        let again = try await Self.run(["retention", "apply", "--url", url, "--older-than", "30"])
        #expect(again.status == 0 && again.output.contains("calls           0"), "\(again.output)")
        for bad in [["--older-than", "0d"], ["--older-than", "3h"], ["--older-than", "30d", "--archive", "archive.csv"],
                    ["--older-than", "30d", "--batch-size", "6000"]] {
            let refused = try await Self.run(["retention", "apply", "--url", url] + bad)
            #expect(refused.status == 2, "\(bad): \(refused.output)")
        }
    }

    @Test func serveAppliesRetentionAsItStarts() async throws {
        let old = Date().addingTimeInterval(-40 * 86_400)
        let calls = (0..<12).map { i in Call(createdAt: i < 8 ? old.addingTimeInterval(Double(i)) : Date(), model: "m", usage: TokenUsage(input: 1, output: 1)) }
        let url = try await Self.ledger(with: calls)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ailedger-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ChildProcess.spawn([Self.binary, "serve", "--url", url, "--port", "0", "--insecure-no-auth", "--retention", "30d",
                                             "--retention-archive", "table", "--outbox", folder.appendingPathComponent("outbox.sqlite").path])
        var removed = false
        for _ in 0..<1_200 where !removed {
            try await Task.sleep(for: .milliseconds(50))
            removed = server.output.contains("retention removed 8 rows")
        }
        server.send(SIGTERM)
        #expect(await server.exitStatus() == 0, "\(server.output)")
        #expect(removed, "the server applied retention as it started: \(server.output)")
        let ledger = try await Ledger.open(url: url, drivers: [SQLiteDriver()])
        let left = try await ledger.calls(limit: 100).count
        await ledger.close()
        #expect(left == 4)
        let invalid = try await Self.run(["serve", "--url", url, "--retention-archive", "table"])
        #expect(invalid.status == 2 && invalid.output.contains("--retention-archive needs --retention"), "\(invalid.output)")
    }
}
