import AILedger
import AILedgerConformance
import AILedgerMySQL
import Foundation
import Testing

extension MySQLTests {
    /// The opt-in compatibility views: data recorded through the API, read by the SQL the
    /// seed teams already have, checked against the API's own aggregates.
    @Suite struct CompatibilityViewTests {
        let drivers: [any DatabaseDriver] = [MySQLDriver()]
        let now = Timestamp.rounded(Date())

        /// A ledger with an empty, migrated schema and the compatibility set applied.
        func freshLedger(compat: String) async throws -> Ledger {
            let ledger = try await Ledger.open(url: TestServer.mysql.url!, drivers: drivers)
            for name in ["whatsapp", "chatbot"] {
                let set = try ledger.compatibilityMigrations(name)
                let applied = try await set.history().filter(\.success).count
                if applied > 0 { try await set.down(steps: applied) }
            }
            let applied = try await ledger.migrations.history().filter(\.success).count
            if applied > 0 { try await ledger.migrations.down(steps: applied) }
            try await ledger.migrate()
            try await ledger.compatibilityMigrations(compat).up()
            return ledger
        }

        func query(_ ledger: Ledger, _ sql: String) async throws -> [[SQLValue]] {
            try await ledger.database.withConnection(.write) { connection in
                try await connection.query(sql, []).map(\.values)
            }
        }

        func execute(_ ledger: Ledger, _ sql: String) async throws {
            try await ledger.database.withConnection(.write) { connection in _ = try await connection.execute(sql, []) }
        }

        func int(_ value: SQLValue) -> Int64? {
            switch value {
            case .integer(let number): return number
            case .text(let text): return Int64(text) ?? Decimal(string: text).map { NSDecimalNumber(decimal: $0).int64Value }
            default: return nil
            }
        }

        func decimal(_ value: SQLValue) -> Decimal? {
            switch value {
            case .integer(let number): return Decimal(number)
            case .text(let text): return Decimal(string: text)
            default: return nil
            }
        }

        @Test func whatsappAnalyticsQueriesRunVerbatim() async throws {
            let ledger = try await freshLedger(compat: "whatsapp")
            try await execute(ledger, "DROP TABLE IF EXISTS whatsapp_connections, personas, contacts")
            try await execute(ledger, "CREATE TABLE whatsapp_connections (id VARCHAR(36) PRIMARY KEY, device_name VARCHAR(100), phone_number VARCHAR(30))")
            try await execute(ledger, "CREATE TABLE personas (id VARCHAR(36) PRIMARY KEY, name VARCHAR(100))")
            try await execute(ledger, "CREATE TABLE contacts (id VARCHAR(36) PRIMARY KEY, name VARCHAR(100), phone_number VARCHAR(30))")
            try await execute(ledger, "INSERT INTO whatsapp_connections VALUES ('dev-1', 'Front desk', '+111'), ('dev-2', 'Sales', '+222')")
            try await execute(ledger, "INSERT INTO personas VALUES ('p-1', 'Friendly'), ('p-2', 'Expert')")
            try await execute(ledger, "INSERT INTO contacts VALUES ('c-1', 'Ana', '+1'), ('c-2', 'Bo', '+2'), ('c-3', 'Cy', '+3')")

            // 12 replies in the last 6 days and 3 from 40 days ago, one model call each.
            let models = ["gpt-4o-mini", "claude-3-5-haiku-20241022", "gemini-2.5-flash"]
            var expectedTokens: [String: Int64] = [:], expectedCount: [String: Int] = [:]
            var batch = RecordBatch()
            for index in 0..<15 {
                let old = index >= 12
                let created = now.addingTimeInterval(old ? -40 * 86_400 : -Double(index) * 11 * 3_600 - 60)
                let device = index % 3 == 0 ? "dev-2" : "dev-1"
                let reply = Interaction(externalID: "wa-msg-\(index)", createdAt: created, interactionType: "whatsapp_reply",
                                        contactID: "c-\(index % 3 + 1)", deviceID: device, personaID: "p-\(index % 2 + 1)",
                                        inputText: "Olá 👋 #\(index)", outputText: "Hi! #\(index)")
                let usage = TokenUsage(input: Int64(100 + index * 10), output: Int64(20 + index))
                batch.interactions.append(reply)
                batch.calls.append(Call(interactionID: reply.id, createdAt: created, model: models[index % 3], usage: usage))
                let name = device == "dev-1" ? "Front desk" : "Sales"
                expectedTokens[name, default: 0] += usage.total!
                expectedCount[name, default: 0] += 1
            }
            try await ledger.record(batch)

            // "Get AI conversation count by device", verbatim.
            let byDevice = try await query(ledger, """
                SELECT
                  wc.device_name,
                  COUNT(*) as conversation_count,
                  SUM(tokens_used) as total_tokens
                FROM ai_conversations ac
                JOIN whatsapp_connections wc ON ac.device_id = wc.id
                GROUP BY wc.device_name;
                """)
            #expect(byDevice.count == 2)
            for row in byDevice {
                guard case .text(let name) = row[0] else { Issue.record("device name: \(row[0])"); continue }
                #expect(int(row[1]) == Int64(expectedCount[name] ?? -1), "count for \(name)")
                #expect(int(row[2]) == expectedTokens[name], "tokens for \(name)")
            }
            let allTokens = try await ledger.usage()
            #expect(byDevice.compactMap { int($0[2]) }.reduce(0, +) == allTokens.tokens.total, "the view agrees with the API")

            // "Cost analysis by model", verbatim: the last 30 days only.
            let costByModel = try await query(ledger, """
                SELECT
                  model,
                  COUNT(*) as conversation_count,
                  SUM(input_tokens) as total_input_tokens,
                  SUM(output_tokens) as total_output_tokens,
                  SUM(tokens_used) as total_tokens,
                  -- Estimated costs (update prices as needed)
                  CASE
                    WHEN model LIKE 'gemini%' THEN 0 -- Free tier
                    WHEN model LIKE 'claude-3-5-haiku%' THEN
                      (SUM(input_tokens) * 0.25 / 1000000) + (SUM(output_tokens) * 1.25 / 1000000)
                    WHEN model LIKE 'gpt-4o%' THEN
                      (SUM(input_tokens) * 2.50 / 1000000) + (SUM(output_tokens) * 10 / 1000000)
                    ELSE 0
                  END as estimated_cost_usd
                FROM ai_conversations
                WHERE created_at >= DATE_SUB(NOW(), INTERVAL 30 DAY)
                GROUP BY model
                ORDER BY estimated_cost_usd DESC;
                """)
            let apiByModel = try await ledger.usageByModel(LedgerFilter(since: now.addingTimeInterval(-30 * 86_400)))
            #expect(costByModel.count == apiByModel.count)
            for row in costByModel {
                guard case .text(let model) = row[0], let api = apiByModel.first(where: { $0.model == model }) else {
                    Issue.record("unexpected model row \(row)"); continue
                }
                #expect(int(row[1]) == api.summary.calls, "\(model) count")
                #expect(int(row[2]) == api.summary.tokens.input, "\(model) input tokens")
                #expect(int(row[3]) == api.summary.tokens.output, "\(model) output tokens")
            }

            // "Daily token usage trend", verbatim.
            let daily = try await query(ledger, """
                SELECT
                  DATE(created_at) as date,
                  model,
                  SUM(tokens_used) as daily_tokens,
                  COUNT(*) as conversation_count,
                  AVG(tokens_used) as avg_tokens_per_conversation
                FROM ai_conversations
                WHERE created_at >= DATE_SUB(NOW(), INTERVAL 30 DAY)
                GROUP BY DATE(created_at), model
                ORDER BY date DESC, daily_tokens DESC;
                """)
            let recent = try await ledger.usage(LedgerFilter(since: now.addingTimeInterval(-30 * 86_400)))
            #expect(daily.compactMap { int($0[2]) }.reduce(0, +) == recent.tokens.total, "daily tokens add up to the API's")
            #expect(daily.compactMap { int($0[3]) }.reduce(0, +) == 12)

            // "Most Active Devices", "Persona Performance", "Cost per Contact", "Hourly Usage Pattern", verbatim.
            let active = try await query(ledger, """
                SELECT
                  wc.device_name,
                  wc.phone_number,
                  COUNT(*) as ai_conversations,
                  AVG(ac.tokens_used) as avg_tokens,
                  MAX(ac.created_at) as last_conversation
                FROM ai_conversations ac
                JOIN whatsapp_connections wc ON ac.device_id = wc.id
                WHERE ac.created_at >= DATE_SUB(NOW(), INTERVAL 7 DAY)
                GROUP BY wc.id
                ORDER BY ai_conversations DESC;
                """)
            #expect(active.compactMap { int($0[2]) }.reduce(0, +) == 12)
            #expect(active.first?[0] == .text("Front desk"))
            let personas = try await query(ledger, """
                SELECT
                  p.name as persona_name,
                  COUNT(*) as conversation_count,
                  AVG(ac.tokens_used) as avg_tokens,
                  SUM(ac.tokens_used) as total_tokens,
                  ac.model
                FROM ai_conversations ac
                JOIN personas p ON ac.persona_id = p.id
                GROUP BY p.id, ac.model
                ORDER BY conversation_count DESC;
                """)
            #expect(personas.compactMap { int($0[1]) }.reduce(0, +) == 15)
            #expect(personas.compactMap { int($0[3]) }.reduce(0, +) == allTokens.tokens.total)
            let contacts = try await query(ledger, """
                SELECT
                  c.name,
                  c.phone_number,
                  COUNT(*) as ai_interactions,
                  SUM(ac.tokens_used) as total_tokens,
                  -- Estimated cost
                  SUM(
                    CASE
                      WHEN ac.model LIKE 'claude-3-5-haiku%' THEN
                        (ac.input_tokens * 0.25 / 1000000) + (ac.output_tokens * 1.25 / 1000000)
                      WHEN ac.model LIKE 'gpt-4o%' THEN
                        (ac.input_tokens * 2.50 / 1000000) + (ac.output_tokens * 10 / 1000000)
                      ELSE 0
                    END
                  ) as estimated_cost_usd
                FROM ai_conversations ac
                JOIN contacts c ON ac.contact_id = c.id
                WHERE ac.created_at >= DATE_SUB(NOW(), INTERVAL 30 DAY)
                GROUP BY c.id
                ORDER BY estimated_cost_usd DESC
                LIMIT 20;
                """)
            #expect(contacts.count == 3)
            #expect(contacts.compactMap { int($0[2]) }.reduce(0, +) == 12)
            let hourly = try await query(ledger, """
                SELECT
                  HOUR(created_at) as hour,
                  COUNT(*) as conversation_count,
                  AVG(tokens_used) as avg_tokens
                FROM ai_conversations
                WHERE created_at >= DATE_SUB(NOW(), INTERVAL 7 DAY)
                GROUP BY HOUR(created_at)
                ORDER BY hour;
                """)
            #expect(hourly.compactMap { int($0[1]) }.reduce(0, +) == 12)
            try await execute(ledger, "DROP TABLE whatsapp_connections, personas, contacts")
            try await ledger.compatibilityMigrations("whatsapp").down()
            await ledger.close()
        }

        @Test func whatsappTotalsFollowEveryCallStoredReplayedAndRemoved() async throws {
            // Calls stored before the compatibility set are counted by its migration.
            let ledger = try await freshLedger(compat: "chatbot")
            let base = now.addingTimeInterval(-3_600)
            var first = Interaction(createdAt: base, contactID: "c-1")
            first.externalID = "wa-1"
            let early = [Call(interactionID: first.id, createdAt: base, model: "gpt-4o-mini", usage: TokenUsage(input: 100, output: 10)),
                         Call(interactionID: first.id, createdAt: base.addingTimeInterval(2), model: "gpt-4o", usage: TokenUsage(input: 200, output: 20))]
            try await ledger.record(RecordBatch(interactions: [first], calls: early))
            try await ledger.compatibilityMigrations("whatsapp").up()
            func row(_ id: UUID) async throws -> [SQLValue]? {
                try await query(ledger, "SELECT model, tokens_used, input_tokens, output_tokens FROM ai_conversations WHERE id = '\(id.uuidString.lowercased())'").first
            }
            var read = try await row(first.id)
            #expect(read?[0] == .text("gpt-4o") && read.map { int($0[1]) } == 330, "backfilled: the latest call's model, every token")

            // A later call, an earlier one, and a replay of both.
            let later = Call(interactionID: first.id, createdAt: base.addingTimeInterval(5), model: "claude-3-5-haiku-20241022",
                             usage: TokenUsage(input: 1, output: 2))
            let earlier = Call(interactionID: first.id, createdAt: base.addingTimeInterval(-5), model: "gemini-2.5-flash",
                               usage: TokenUsage(input: 3, output: nil))
            try await ledger.record(RecordBatch(calls: [later, earlier]))
            try await ledger.record(RecordBatch(calls: [later, earlier]))
            read = try await row(first.id)
            #expect(read?[0] == .text("claude-3-5-haiku-20241022"), "the latest call's model: \(String(describing: read))")
            #expect(read.map { [int($0[1]), int($0[2]), int($0[3])] } == [336, 304, 32], "each call counted once")

            // An interaction without calls reads zero tokens and no model.
            let silent = Interaction(createdAt: base, contactID: "c-2")
            try await ledger.record(silent)
            read = try await row(silent.id)
            #expect(read?[0] == .null && read.map { int($0[1]) } == 0)
            func replies() async throws -> [Int64?] {
                try await query(ledger, "SELECT (SELECT COUNT(*) FROM ai_conversations), (SELECT COUNT(*) FROM ailedger_interactions)")
                    .first.map { $0.map(int) } ?? []
            }
            #expect(try await replies() == [2, 2], "one row per reply, stored before the set or after")
            let contacts = try await query(ledger, "SELECT contact_id FROM ai_conversations ORDER BY contact_id")
            #expect(contacts == [[.text("c-1")], [.text("c-2")]], "the replies' own contacts")
            try await execute(ledger, "DELETE FROM ailedger_interactions WHERE id = '\(silent.id.uuidString.lowercased())'")
            #expect(try await replies() == [1, 1], "a removed reply leaves the view")

            // Retention removing calls takes them out of the totals, and the model falls back.
            try await execute(ledger, "DELETE FROM ailedger_calls WHERE id = '\(later.id.uuidString.lowercased())'")
            read = try await row(first.id)
            #expect(read?[0] == .text("gpt-4o") && read.map { int($0[1]) } == 333, "\(String(describing: read))")

            // The totals agree with the calls, the way the subquery view read them.
            let differing = try await query(ledger, """
                SELECT COUNT(*) FROM ai_conversations v
                WHERE v.tokens_used <> (SELECT COALESCE(SUM(COALESCE(c.input_tokens, 0) + COALESCE(c.output_tokens, 0)), 0)
                                        FROM ailedger_calls c WHERE c.interaction_id = v.id)
                """)
            #expect(differing.first.map { int($0[0]) } == 0)
            try await ledger.compatibilityMigrations("whatsapp").down()
            try await ledger.compatibilityMigrations("chatbot").down()
            await ledger.close()
        }

        @Test func chatbotTablesAnswerTheDashboardQueries() async throws {
            let ledger = try await freshLedger(compat: "chatbot")
            let conversation = Conversation(externalID: "conv-a", createdAt: now.addingTimeInterval(-3_600))
            let other = Conversation(externalID: "conv-b", createdAt: now.addingTimeInterval(-1_800))
            var batch = RecordBatch(conversations: [conversation, other])
            let turns: [(String, Status, [(String, String, Int64, Int64, String)])] = [
                ("Show me recent orders", .success, [("gpt-4o", "classify_intent", 900, 12, "0.002370"),
                                                     ("gpt-4o", "generate_sql", 1_500, 200, "0.005750")]),
                ("Only the ones from May", .error, [("gpt-4o-mini", "generate_sql", 1_200, 0, "0.000180")]),
                ("Thanks!", .success, [("gpt-4o-mini", "classify_intent", 300, 5, "0.000048"),
                                       ("gpt-4o-mini", "small_talk", 320, 40, "0.000072")]),
            ]
            var expectedCost = Decimal(0), expectedTokens: Int64 = 0
            for (index, turn) in turns.enumerated() {
                let created = now.addingTimeInterval(-3_000 + Double(index) * 60)
                let message = Interaction(conversationID: conversation.id, externalID: "m-\(index)", createdAt: created,
                                          interactionType: index == 1 ? "orders_query" : "chat", status: turn.1,
                                          inputText: turn.0, outputText: turn.1 == .success ? "Answer \(index)" : nil,
                                          errorMessage: turn.1 == .error ? "SQL generation failed" : nil,
                                          // The last turn's SQL is stored as statements; the others' only in metadata.
                                          sqlQueries: index == 2 ? [SQLQuery(statement: "SELECT a FROM t", database: "replica", resultCount: 2),
                                                                    SQLQuery(statement: "SELECT b FROM t", resultCount: 1)] : nil,
                                          metadata: index == 2 ? ["classification": "orders"]
                                              : ["classification": "orders", "database_used": "live", "sql_queries": ["SELECT 1"],
                                                 "sql_results_count": 5])
                batch.interactions.append(message)
                for (offset, call) in turn.2.enumerated() {
                    let cost = Decimal(string: call.4)!
                    expectedCost += cost
                    expectedTokens += call.2 + call.3
                    batch.calls.append(Call(interactionID: message.id, conversationID: conversation.id, externalID: "call-\(index)-\(offset)",
                                            createdAt: created.addingTimeInterval(Double(offset)), model: call.0, callType: call.1,
                                            status: turn.1 == .error ? .error : .success,
                                            usage: TokenUsage(input: call.2, output: call.3), costUSD: cost, latencyMs: 250))
                }
            }
            let lone = Interaction(conversationID: other.id, externalID: "m-b", createdAt: now.addingTimeInterval(-600), inputText: "Hi")
            batch.interactions.append(lone)
            batch.calls.append(Call(interactionID: lone.id, conversationID: other.id, createdAt: lone.createdAt, model: "gpt-4o-mini",
                                    callType: "small_talk", usage: TokenUsage(input: 10, output: 2),
                                    costUSD: Decimal(string: "0.000000003")!, latencyMs: 100))
            try await ledger.record(batch)
            // Replaying the batch must not change any total.
            try await ledger.record(batch)

            let summary = try await query(ledger, """
                SELECT conversation_id, total_messages, total_llm_calls, total_tokens_used, total_cost, success_rate,
                       last_user_input, last_agent_output, first_message_at < last_message_at
                FROM chatbot_conversation_summary WHERE conversation_id = 'conv-a'
                """)
            let row = try #require(summary.first)
            let api = try await ledger.usage(LedgerFilter(conversationID: conversation.id))
            #expect(row[0] == .text("conv-a"))
            #expect(int(row[1]) == 3)
            #expect(int(row[2]) == 5 && api.calls == 5)
            #expect(int(row[3]) == expectedTokens && api.tokens.total == expectedTokens)
            #expect(decimal(row[4]) == expectedCost && api.costUSD == expectedCost, "exact cost: \(row[4])")
            #expect(decimal(row[5]) == Decimal(string: "66.67"))
            #expect(row[6] == .text("Thanks!"))
            #expect(row[7] == .text("Answer 2"))
            #expect(int(row[8]) == 1)

            let byModel = try await query(ledger, """
                SELECT model, COUNT(*) AS calls, SUM(total_tokens) AS tokens, SUM(cost_estimate) AS cost, AVG(duration_ms)
                FROM chatbot_llm_calls
                WHERE timestamp >= DATE_SUB(NOW(), INTERVAL 24 HOUR)
                GROUP BY model ORDER BY model
                """)
            let apiByModel = try await ledger.usageByModel(LedgerFilter(since: now.addingTimeInterval(-86_400)))
            #expect(byModel.count == apiByModel.count)
            for row in byModel {
                guard case .text(let model) = row[0], let api = apiByModel.first(where: { $0.model == model }) else {
                    Issue.record("unexpected row \(row)"); continue
                }
                #expect(int(row[1]) == api.summary.calls)
                #expect(int(row[2]) == api.summary.tokens.total)
                #expect(decimal(row[3]) == api.summary.costUSD, "\(model) cost \(row[3]) vs \(api.summary.costUSD)")
            }

            let messages = try await query(ledger, """
                SELECT message_id, intent, total_llm_calls, total_tokens_used, success, classification, sql_results_count,
                       user_input, database_used, sql_queries
                FROM chatbot_conversation_messages WHERE conversation_id = 'conv-a' ORDER BY timestamp
                """)
            #expect(messages.map { $0[0] } == [.text("m-0"), .text("m-1"), .text("m-2")])
            #expect(messages.map { int($0[2]) } == [2, 1, 2])
            #expect(messages.map { int($0[4]) } == [1, 0, 1])
            #expect(messages[1][1] == .text("orders_query"))
            #expect(messages[0][5] == .text("orders"))
            #expect(int(messages[0][6]) == 5)
            #expect(messages[0][8] == .text("live"))
            #expect(int(messages[2][6]) == 3, "the statements' result counts, summed")
            #expect(messages[2][8] == .text("replica"), "the statements' database")
            if case .text(let queries) = messages[2][9] {
                #expect(try JSONValue(jsonText: queries) == ["SELECT a FROM t", "SELECT b FROM t"], "the statements, in order")
            } else {
                Issue.record("sql_queries as JSON text: \(messages[2][9])")
            }

            let functions = try await query(ledger, """
                SELECT function_name, COUNT(*), SUM(success) FROM chatbot_llm_calls
                WHERE conversation_id = 'conv-a' GROUP BY function_name ORDER BY function_name
                """)
            #expect(functions.map { $0[0] } == [.text("classify_intent"), .text("generate_sql"), .text("small_talk")])
            #expect(functions.map { int($0[1]) } == [2, 2, 1])
            #expect(functions.map { int($0[2]) } == [2, 1, 1])
            try await ledger.compatibilityMigrations("chatbot").down()
            await ledger.close()
        }

        @Test func chatbotTotalsFollowEveryRecordStoredReplayedRepricedAndRemoved() async throws {
            let ledger = try await freshLedger(compat: "chatbot")
            let base = now.addingTimeInterval(-7_200)
            let conversations = (0..<3).map { n in Conversation(externalID: "conv-\(n)", createdAt: base.addingTimeInterval(Double(n))) }
            var interactions: [Interaction] = [], calls: [Call] = []
            for n in 0..<12 {
                let conversation = conversations[n % 3]
                let interaction = Interaction(conversationID: conversation.id, createdAt: base.addingTimeInterval(Double(60 * n)),
                                              status: n % 4 == 3 ? .error : .success, inputText: "question \(n)", outputText: "answer \(n)")
                interactions.append(interaction)
                for k in 0..<(n % 3) {
                    calls.append(Call(interactionID: interaction.id, conversationID: conversation.id,
                                      createdAt: interaction.createdAt.addingTimeInterval(Double(k)), model: k == 0 ? "gpt-4o" : "chatbot-unpriced",
                                      usage: TokenUsage(input: Int64(100 + n), output: k == 1 ? nil : Int64(n)),
                                      latencyMs: Double(100 * n + k)))
                }
            }
            // A call of no interaction, and an empty conversation.
            calls.append(Call(conversationID: conversations[0].id, createdAt: base, model: "gpt-4o", usage: TokenUsage(input: 5, output: 5),
                              latencyMs: 7))
            let empty = Conversation(externalID: "conv-empty", createdAt: base)
            try await ledger.record(RecordBatch(conversations: conversations, interactions: Array(interactions.prefix(6)),
                                                calls: calls.filter { call in interactions.prefix(6).contains { $0.id == call.interactionID } }))
            // Records stored before the totals existed are counted by their migration.
            try await ledger.compatibilityMigrations("chatbot").down(steps: 1)
            try await ledger.record(RecordBatch(conversations: [empty], interactions: Array(interactions.suffix(6)), calls: calls))
            try await ledger.compatibilityMigrations("chatbot").up()
            try await ledger.record(RecordBatch(conversations: conversations + [empty], interactions: interactions, calls: calls))  // a replay

            /// Rows of each view whose totals differ from the sums over the stored records.
            func differing() async throws -> [Int64?] {
                let messages = try await query(ledger, """
                    SELECT COUNT(*) FROM chatbot_conversation_messages m WHERE
                    m.total_llm_calls <> (SELECT COUNT(*) FROM ailedger_calls c WHERE c.interaction_id = m.id)
                    OR m.total_tokens_used <> (SELECT COALESCE(SUM(COALESCE(c.input_tokens, 0) + COALESCE(c.output_tokens, 0)), 0)
                                               FROM ailedger_calls c WHERE c.interaction_id = m.id)
                    OR m.total_cost <> (SELECT CAST(COALESCE(SUM(c.cost_nano_usd), 0) * 0.000000001 AS DECIMAL(20, 9))
                                        FROM ailedger_calls c WHERE c.interaction_id = m.id)
                    OR m.total_duration_ms <> (SELECT COALESCE(SUM(c.latency_ms), 0) FROM ailedger_calls c WHERE c.interaction_id = m.id)
                    """)
                let summaries = try await query(ledger, """
                    SELECT COUNT(*) FROM chatbot_conversation_summary s WHERE
                    NOT (s.first_message_at <=> (SELECT MIN(i.created_at) FROM ailedger_interactions i WHERE i.conversation_id = s.id))
                    OR NOT (s.last_message_at <=> (SELECT MAX(i.created_at) FROM ailedger_interactions i WHERE i.conversation_id = s.id))
                    OR s.total_messages <> (SELECT COUNT(*) FROM ailedger_interactions i WHERE i.conversation_id = s.id)
                    OR s.total_llm_calls <> (SELECT COUNT(*) FROM ailedger_calls c WHERE c.conversation_id = s.id)
                    OR s.total_tokens_used <> (SELECT COALESCE(SUM(COALESCE(c.input_tokens, 0) + COALESCE(c.output_tokens, 0)), 0)
                                               FROM ailedger_calls c WHERE c.conversation_id = s.id)
                    OR s.total_cost <> (SELECT CAST(COALESCE(SUM(c.cost_nano_usd), 0) * 0.000000001 AS DECIMAL(20, 9))
                                        FROM ailedger_calls c WHERE c.conversation_id = s.id)
                    OR s.total_duration_ms <> (SELECT COALESCE(SUM(c.latency_ms), 0) FROM ailedger_calls c WHERE c.conversation_id = s.id)
                    OR s.success_rate <> (SELECT CAST(COALESCE(100 * SUM(i.status = 'success') / COUNT(*), 100) AS DECIMAL(5, 2))
                                          FROM ailedger_interactions i WHERE i.conversation_id = s.id)
                    OR NOT (s.last_user_input <=> (SELECT i.input_text FROM ailedger_interactions i WHERE i.conversation_id = s.id
                                                   ORDER BY i.created_at DESC, i.id DESC LIMIT 1))
                    """)
                let count = try await query(ledger, "SELECT COUNT(*) FROM chatbot_conversation_summary")
                return [messages.first.map { int($0[0]) } ?? nil, summaries.first.map { int($0[0]) } ?? nil,
                        count.first.map { int($0[0]) } ?? nil]
            }
            #expect(try await differing() == [0, 0, 4], "backfilled, then kept; every conversation listed once")
            let latest = try await query(ledger, "SELECT conversation_id, last_user_input FROM chatbot_conversation_summary ORDER BY last_message_at DESC LIMIT 1")
            #expect(latest.first == [.text("conv-2"), .text("question 11")])

            // A price for the unpriced model: the recomputed costs move the totals.
            ledger.addPrices([Price(model: "chatbot-unpriced", provider: nil, effectiveFrom: base.addingTimeInterval(-86_400),
                                    rates: PriceRates(input: 3, output: 15))])
            let repriced = try await ledger.recomputeCosts()
            #expect(repriced.updated > 0)
            #expect(try await differing() == [0, 0, 4], "after repricing")

            // Retention-style removals: a call, then an interaction after its calls, then a conversation.
            try await execute(ledger, "DELETE FROM ailedger_calls WHERE id = '\(calls[0].id.uuidString.lowercased())'")
            let last = interactions[11]
            try await execute(ledger, "DELETE FROM ailedger_calls WHERE interaction_id = '\(last.id.uuidString.lowercased())'")
            try await execute(ledger, "DELETE FROM ailedger_interactions WHERE id = '\(last.id.uuidString.lowercased())'")
            try await execute(ledger, "DELETE FROM ailedger_conversations WHERE id = '\(empty.id.uuidString.lowercased())'")
            #expect(try await differing() == [0, 0, 3], "after removals")
            let after = try await query(ledger, "SELECT last_user_input FROM chatbot_conversation_summary WHERE conversation_id = 'conv-2'")
            #expect(after.first == [.text("question 8")], "the conversation's latest message is the one before")
            try await ledger.compatibilityMigrations("chatbot").down()
            await ledger.close()
        }

        @Test func unknownCompatibilitySetsAreNamed() async throws {
            let ledger = try await Ledger.open(url: TestServer.mysql.url!, drivers: drivers)
            let error = #expect(throws: LedgerError.self) { _ = try ledger.compatibilityMigrations("jira") }
            #expect(error?.kind == .migrationInvalid)
            #expect(error?.message.contains("chatbot, whatsapp") == true)
            await ledger.close()
        }
    }
}
