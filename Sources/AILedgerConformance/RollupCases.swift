import AILedger
import Foundation

/// The hourly rollups answer every question they cover exactly as the raw rows do (counts,
/// tokens and cost to the nano-dollar; percentiles within 2%), also after replays, rejected
/// records, recomputed costs and a rebuild.
enum RollupCases {
    static let all: [ConformanceSuite.Case] = [
        .init(name: "rollups answer as the raw rows do") { context in
            let ledger = context.ledger
            // Interactions with their calls in one batch, calls of stored interactions in the
            // next, and calls of none.
            // Personas, devices and contacts on some conversations and some interactions: a
            // call counts under its interaction's, or else its conversation's.
            let conversations = (0..<6).map { (n: Int) -> Conversation in
                let contact: String? = n % 2 == 0 ? "k\(n % 3)" : nil, device: String? = n % 3 == 0 ? nil : "d\(n % 2)"
                return Conversation(createdAt: base.addingTimeInterval(Double(n)), userID: "u\(n)", contactID: contact,
                                    deviceID: device, personaID: "p\(n % 4)")
            }
            var interactions = sampleInteractions(count: 90, seed: 1)
            for n in interactions.indices where n % 3 != 0 { interactions[n].conversationID = conversations[n % 6].id }
            for n in interactions.indices where n % 4 == 1 {
                interactions[n].personaID = "p\(n % 5)"
                interactions[n].contactID = n % 8 == 1 ? "k9" : nil
                interactions[n].deviceID = "d\(n % 3)"
            }
            try await ledger.record(RecordBatch(conversations: conversations, interactions: Array(interactions.prefix(60)),
                                                calls: calls(of: Array(interactions.prefix(60)), seed: 1)))
            try await ledger.record(RecordBatch(interactions: Array(interactions.suffix(30)),
                                                calls: calls(of: interactions, seed: 2) + sample(count: 400, seed: 1)))
            // Calls naming a stored conversation, with a stored interaction or none.
            var late = calls(of: Array(interactions.prefix(20)), seed: 3).enumerated().map { n, call in
                var call = call
                call.conversationID = conversations[n % 6].id
                if n % 2 == 0 { call.interactionID = nil }
                return call
            }
            late[0].conversationID = nil
            try await ledger.record(RecordBatch(calls: late))
            // Feedback given, changed and replaced moves the rollups by the change.
            for (n, interaction) in interactions.enumerated() where n % 4 == 0 {
                try await ledger.recordFeedback(Feedback(rating: [.accepted, .rejected, .modified][n % 3], qualityScore: n % 101,
                                                         editDistance: n % 2 == 0 ? n : nil), forInteraction: interaction.id)
                if n % 8 == 0 {
                    try await ledger.recordFeedback(Feedback(rating: .accepted, qualityScore: nil), forInteraction: interaction.id)
                }
            }
            let stored = try await context.query("SELECT SUM(interactions), SUM(calls), SUM(accepted + rejected + modified) FROM ailedger_prompt_rollups")
            try Expect.equal(stored.first?.values.map(plain), ["90", "740", "\(interactions.enumerated().filter { $0.offset % 4 == 0 || $0.element.feedback != nil }.count)"],
               "the prompt rollups' interactions, calls and verdicts")
            let conversationDays = try await context.count("ailedger_conversation_days")
            let userDays = try await context.count("ailedger_user_days")
            try Expect.that(conversationDays > 0 && userDays > 0, "the days of users and conversations are kept")
            try await expectSameAnswers(ledger)
            var byUser = LedgerFilter()
            byUser.userID = "u1"
            try Expect.equal(try await ledger.aggregateSource(for: byUser), .rollups, "a user's totals read the user rollups")
            try Expect.equal(try await ledger.aggregateSource(by: .user), .rollups, "grouping by user reads the user rollups")
            byUser.model = "a"
            try Expect.equal(try await ledger.aggregateSource(for: byUser), .rawRows, "a user and a model read raw rows")
            try Expect.equal(try await ledger.aggregateSource(for: LedgerFilter(model: "a"), by: .user), .rawRows,
                             "a model grouped by user reads raw rows")
            try Expect.equal(try await ledger.aggregateSource(for: LedgerFilter(model: "a"), by: .provider), .rollups,
                             "a model filter grouped by provider reads rollups")
            try Expect.equal(try await ledger.aggregateSource(by: .persona), .rollups, "grouping by persona reads the party rollups")
            try Expect.equal(try await ledger.aggregateSource(for: LedgerFilter(model: "a"), by: .contact), .rawRows,
                             "a model grouped by contact reads raw rows")
            let persona = try await context.query("SELECT SUM(calls) FROM ailedger_party_rollups WHERE dimension = 'persona'")
            try Expect.equal(persona.first?.values.map(plain), ["740"],
                             "every call counted once per dimension")
            ledger.readsRollups = false
            try Expect.equal(try await ledger.aggregateSource(), .rawRows, "rollups switched off")
            ledger.readsRollups = true
        },
        .init(name: "rollups keep names with quotes, backslashes, commas and braces exactly") { context in
            let ledger = context.ledger
            let names = [#"a"b"#, #"c\d"#, "e,f", "{g}", "NULL", " spaced ", "ユーザー", #"\"{,}"#]
            let calls = names.enumerated().flatMap { n, name in
                (0..<3).map { k in
                    Call(createdAt: base.addingTimeInterval(Double(n * 600 + k)), model: name, provider: k == 0 ? nil : name, callType: name,
                         userID: name, usage: TokenUsage(input: Int64(n + 1), output: Int64(k)), latencyMs: Double(n * 10 + k))
                }
            }
            try await ledger.record(RecordBatch(calls: calls))
            for dimension in [CallDimension.user, .model, .provider] {
                try Expect.equal(try await ledger.aggregateSource(by: dimension), .rollups, "\(dimension) is read from the rollups")
                let rolled = try await ledger.usage(by: dimension)
                try Expect.equal(Set(rolled.compactMap(\.key)), Set(names), "every \(dimension) name as it was recorded")
                ledger.readsRollups = false
                let raw = try await ledger.usage(by: dimension)
                ledger.readsRollups = true
                try Expect.equal(rolled, raw, "\(dimension) from the rollups and from the raw rows")
            }
        },
        .init(name: "replays, repeated ids and rejected records add nothing to the rollups") { context in
            let ledger = context.ledger
            let first = sample(count: 120, seed: 2)
            try await ledger.record(RecordBatch(calls: first))
            try await ledger.record(RecordBatch(calls: first))  // a replay: every id stored
            // Half old, half new, and one new call twice in the same batch.
            let fresh = sample(count: 60, seed: 3)
            try await ledger.record(RecordBatch(calls: Array(first.prefix(60)) + fresh + [fresh[0]]))
            var invalid = sample(count: 5, seed: 4)
            invalid[4].usage = TokenUsage(input: -1)
            try await Expect.error(.invalidRecord) { try await ledger.record(RecordBatch(calls: invalid)) }
            // Through the buffered writer, with a replay of its own (on a database a second
            // ledger can open: not SQLite's :memory:).
            var expected: Int64 = 180
            if context.suite.reopenSharesDatabase {
                let buffered = try await context.reopen(writer: WriterOptions(batchSize: 50, flushInterval: .milliseconds(20)))
                let more = sample(count: 80, seed: 5)
                for call in more + more.prefix(30) { try await buffered.record(call) }
                await buffered.flush()
                await buffered.close()
                expected += 80
            }
            try Expect.equal(try await ledger.usage().calls, expected, "every distinct call counted once")
            // Two calls whose costs together pass a 64-bit count of nano-dollars: refused
            // by name in one batch (no trap), stored when recorded apart under other keys.
            let huge = Decimal(5_000_000_000)
            let twins = [Call(createdAt: base, model: "huge", costUSD: huge), Call(createdAt: base, model: "huge", costUSD: huge)]
            let refused = try await Expect.error(.invalidRecord) { try await ledger.record(RecordBatch(calls: twins)) }
            try Expect.that(refused.message.contains("overflow"), "the error says why: \(refused.message)")
            try Expect.equal(try await ledger.usage(LedgerFilter(model: "huge")).calls, 0, "nothing of the refused batch is stored")
            try await expectSameAnswers(ledger)
        },
        .init(name: "recomputed costs move the rollups' sums") { context in
            let ledger = context.ledger
            let model = "rollup-priced-later"
            let calls = (0..<30).map { (i: Int) -> Call in
                let usage = TokenUsage(input: Int64(1_000 + i), output: Int64(i))
                return Call(createdAt: base.addingTimeInterval(Double(i) * 1_000), model: model, provider: "p",
                            usage: usage, latencyMs: Double(i))
            }
            try await ledger.record(RecordBatch(calls: calls))
            try Expect.equal(try await ledger.usage(LedgerFilter(model: model)).unpricedCalls, 30, "unpriced at first")
            ledger.addPrices([Price(model: model, provider: "p", effectiveFrom: base.addingTimeInterval(-86_400),
                                    rates: PriceRates(input: 3, output: 15))])
            try await ledger.recomputeCosts()
            let summary = try await ledger.usage(LedgerFilter(model: model))
            try Expect.equal(summary.unpricedCalls, 0, "priced now")
            try Expect.that(summary.costUSD > 0, "a cost: \(summary.costUSD)")
            try await expectSameAnswers(ledger)
        },
        .init(name: "a rebuild recounts calls stored before the rollups") { context in
            let ledger = context.ledger
            var interactions = sampleInteractions(count: 40, seed: 6)
            // An interaction without calls a week after them, and a call years later: the
            // rebuild counts both and skips the empty days between in one step each.
            var lone = sampleInteractions(count: 1, seed: 7)[0]
            lone.createdAt = base.addingTimeInterval(7 * 86_400)
            interactions.append(lone)
            let far = Call(createdAt: base.addingTimeInterval(6 * 365 * 86_400), model: "a", usage: TokenUsage(input: 7, output: 1))
            try await ledger.record(RecordBatch(interactions: interactions,
                                                calls: calls(of: Array(interactions.prefix(40)), seed: 6) + sample(count: 300, seed: 6) + [far]))
            // As if the calls had been stored before the rollups existed.
            try await context.execute("DELETE FROM ailedger_call_rollups")
            try await context.execute("DELETE FROM ailedger_user_rollups")
            try await context.execute("DELETE FROM ailedger_prompt_rollups")
            try await context.execute("DELETE FROM ailedger_party_rollups")
            try await context.execute("DELETE FROM ailedger_variable_rollups")
            try await context.execute("UPDATE ailedger_rollup_state SET complete = 0")
            ledger.forgetRollupState()
            let reopened = ledger
            try Expect.equal(try await reopened.aggregateSource(), .rawRows, "incomplete rollups are not read")
            let progress = Locked<[Double]>([])
            let rebuild = try await reopened.rebuildRollups { report in progress.withLock { $0.append(report.fraction) } }
            try Expect.equal(rebuild.calls, 381, "calls recounted")
            try Expect.that(rebuild.complete, "complete after a full rebuild")
            let reports = progress.withLock { $0 }
            try Expect.that(reports.count >= 2 && reports.count < 20 && reports.last == 1,
                            "progress reported after each of a few transactions: \(reports.count)")
            try Expect.equal(try await reopened.interactionOverview().counts.interactions, 41, "the interaction without calls")
            try Expect.equal(try await reopened.aggregateSource(), .rollups, "complete rollups are read")
            try await expectSameAnswers(reopened)
            // A second rebuild from a given hour changes nothing.
            try await reopened.rebuildRollups(since: base.addingTimeInterval(7_200))
            try await expectSameAnswers(reopened)
        },
    ]

    /// A summed value as text, whichever type the database returns it in.
    static func plain(_ value: SQLValue) -> String {
        switch value {
        case .integer(let n): String(n)
        case .text(let text): text
        default: "\(value)"
        }
    }

    static let base = Timestamp.date(microseconds: Timestamp.parse("2025-06-02T00:00:00Z")!)

    /// `count` calls spread over three days at uneven times, with every kind of missing value.
    static func sample(count: Int, seed: Int) -> [Call] {
        (0..<count).map { n in
            let i = n * 7 + seed * 13
            let offset = Double(i * 619 % 259_200) + Double(i % 1000) / 1000
            let providers: [String?] = ["p", "q", nil], types: [String?] = ["chat", "embed", nil]
            let status: Status = i % 11 == 0 ? .error : (i % 13 == 0 ? .partial : .success)
            var usage = TokenUsage()
            if i % 9 != 0 {
                usage = TokenUsage(input: Int64(100 + i), output: Int64(i % 50), cacheRead: i % 2 == 0 ? Int64(i % 100) : nil)
            }
            var latency: Double? = Double(i % 300) * 7.3 + 0.25
            if i % 17 == 0 { latency = 0 }
            if i % 8 == 0 { latency = nil }
            var call = Call(createdAt: base.addingTimeInterval(offset), model: ["a", "b", "c"][i % 3],
                            provider: providers[i % 5 % 3], callType: types[i % 7 % 3], status: status,
                            userID: "u\(i % 4)", usage: usage, latencyMs: latency)
            if i % 6 != 0 { call.costUSD = Decimal(i) / 1_000_000 }  // else: priced from the book, or unpriced
            return call
        }
    }

    /// `count` interactions over three days: four types, two prompts in three versions,
    /// some with feedback, missing variables or no latency.
    static func sampleInteractions(count: Int, seed: Int) -> [Interaction] {
        (0..<count).map { n in
            let i = n * 11 + seed * 7
            let offset = Double(i * 1_237 % 259_200) + 0.5
            let types: [String?] = ["t1", "t2", "t3", nil], prompts: [String?] = ["p", "q", nil]
            let status: Status = i % 9 == 0 ? .error : (i % 14 == 0 ? .partial : .success)
            let feedback = i % 5 == 0 ? Feedback(rating: i % 10 == 0 ? .rejected : .accepted, qualityScore: i % 3 == 0 ? nil : i % 101) : nil
            return Interaction(createdAt: base.addingTimeInterval(offset), interactionType: types[i % 4], status: status,
                               userID: "u\(i % 5)", promptID: prompts[i % 3], promptVersion: i % 3 == 2 ? nil : "v\(i % 3 + 1)",
                               latencyMs: i % 6 == 0 ? nil : Double(i % 500) * 13.7,
                               missingVariables: i % 7 == 0 ? ["name"] : (i % 11 == 0 ? [] : (i % 13 == 0 ? ["name", "plan", "name"] : nil)),
                               feedback: feedback)
        }
    }

    /// Two calls of each of `interactions`, some an hour or two after it.
    static func calls(of interactions: [Interaction], seed: Int) -> [Call] {
        interactions.enumerated().flatMap { n, interaction in
            (0..<2).map { k in
                var call = Call(createdAt: interaction.createdAt.addingTimeInterval(Double((n + k + seed) % 3) * 2_900),
                                model: ["a", "b"][(n + k) % 2], provider: "p", status: (n + k) % 10 == 0 ? .error : .success,
                                userID: interaction.userID, usage: TokenUsage(input: Int64(50 + n), output: Int64(k + 1)),
                                costUSD: Decimal(n + k + 1) / 1_000_000, latencyMs: Double(n * 3 + k))
                call.interactionID = interaction.id
                return call
            }
        }
    }

    /// Every covered question gives the same answer from the rollups as from the raw rows.
    static func expectSameAnswers(_ ledger: Ledger) async throws {
        let odd = base.addingTimeInterval(5_432.1), later = base.addingTimeInterval(170_001.5)
        let filters = [LedgerFilter(), LedgerFilter(since: odd), LedgerFilter(until: later), LedgerFilter(since: odd, until: later),
                       LedgerFilter(since: base.addingTimeInterval(3_600), until: base.addingTimeInterval(86_400)),
                       LedgerFilter(model: "a"), LedgerFilter(provider: "q", status: .error), LedgerFilter(since: odd, callType: "chat"),
                       LedgerFilter(since: odd, userID: "u1"), LedgerFilter(until: later, userID: "u2"),
                       LedgerFilter(since: odd, interactionType: "t1"), LedgerFilter(promptID: "p", promptVersion: "v2"),
                       LedgerFilter(status: .error, interactionType: "t2")]
        for filter in filters {
            let name = "\(filter)"
            var prompts = LedgerFilter(since: filter.since, until: filter.until)
            prompts.interactionType = filter.interactionType
            prompts.promptID = filter.promptID
            prompts.promptVersion = filter.promptVersion
            if prompts == filter {
                try Expect.equal(try await ledger.aggregateSource(for: filter, by: .promptVersion), .rollups, "source for \(name)")
            } else if filter.interactionType == nil {
                try Expect.equal(try await ledger.aggregateSource(for: filter), .rollups, "source for \(name)")
            }
            if filter == LedgerFilter(since: filter.since, until: filter.until), filter.since == nil || filter.until == nil {
                try Expect.equal(try await ledger.aggregateSource(for: filter, by: .device), .rollups, "device source for \(name)")
            }
            let rolled = try await answers(ledger, filter)
            ledger.readsRollups = false
            let raw = try await answers(ledger, filter)
            ledger.readsRollups = true
            let onlyRolled = Set(rolled.sums.keys).subtracting(raw.sums.keys), onlyRaw = Set(raw.sums.keys).subtracting(rolled.sums.keys)
            try Expect.that(onlyRolled.isEmpty && onlyRaw.isEmpty,
                            "the same groups for \(name): only from rollups \(onlyRolled.sorted()), only from raw rows \(onlyRaw.sorted())")
            for (key, summary) in raw.sums {
                let other = try Expect.some(rolled.sums[key], "group \(key)")
                try expectSame(other, summary, "\(key) for \(name)")
            }
            try Expect.equal(rolled.order, raw.order, "groups in the same order for \(name)")
            for (key, value) in raw.percentiles {
                try Expect.near(rolled.percentiles[key] ?? nil, value, relative: 0.02, "\(key) for \(name)")
            }
            try Expect.equal(rolled.percentiles.keys.sorted(), raw.percentiles.keys.sorted(), "the same percentiles for \(name)")
        }
    }

    /// The answers to every question the rollups cover, keyed by question and group.
    private static func answers(_ ledger: Ledger, _ filter: LedgerFilter) async throws
        -> (sums: [String: UsageSummary], order: [String], percentiles: [String: Double?]) {
        var sums: [String: UsageSummary] = [:], order: [String] = [], percentiles: [String: Double?] = [:]
        let overview = try await ledger.overview(filter)
        sums["overview"] = overview.summary
        percentiles["overview p50"] = overview.latencyP50
        percentiles["overview p95"] = overview.latencyP95
        percentiles["overview p99"] = overview.latencyP99
        sums["usage"] = try await ledger.usage(filter)
        for model in try await ledger.usageByModel(filter) { sums["model \(model.model) \(model.provider ?? "-")"] = model.summary }
        for dimension in [CallDimension.model, .provider, .callType, .status] {
            let groups = try await ledger.usage(by: dimension, filter)
            for group in groups { sums["\(dimension) \(group.key ?? "-")"] = group.summary }
            order.append("\(dimension): " + groups.map { $0.key ?? "-" }.joined(separator: ","))
            let top = try await ledger.usage(by: dimension, filter, top: 1)
            order.append("top \(dimension): " + top.map { $0.key ?? "-" }.joined(separator: ","))
        }
        for dimension in [CallDimension.interactionType, .promptVersion] {
            let groups = try await ledger.usage(by: dimension, filter)
            for group in groups { sums["\(dimension) \(group.key ?? "-")"] = group.summary }
            order.append("\(dimension): " + groups.map { $0.key ?? "-" }.joined(separator: ","))
        }
        let interactions = try await ledger.interactionOverview(filter)
        order.append("interactions: \(interactions.counts) \(interactions.accepted) \(interactions.rejected) \(interactions.modified) "
                     + "\(interactions.withMissingVariables) \(interactions.byType)")
        percentiles["interactions mean"] = interactions.averageLatencyMs
        percentiles["interactions quality"] = interactions.averageQualityScore
        percentiles["interactions p50"] = interactions.latencyP50
        percentiles["interactions p95"] = interactions.latencyP95
        percentiles["interactions p99"] = interactions.latencyP99
        for summary in try await ledger.feedbackSummary(filter) {
            let name = "feedback \(summary.promptID ?? "-") \(summary.promptVersion ?? "-")"
            order.append("\(name): \(summary.interactions) \(summary.accepted) \(summary.rejected) \(summary.modified)")
            percentiles["\(name) quality"] = summary.averageQualityScore
            percentiles["\(name) edits"] = summary.averageEditDistance
        }
        for dimension in [CallDimension.persona, .device, .contact] {
            let groups = try await ledger.usage(by: dimension, filter)
            for group in groups { sums["\(dimension) \(group.key ?? "-")"] = group.summary }
            order.append("\(dimension): " + groups.map { $0.key ?? "-" }.joined(separator: ","))
            order.append("top \(dimension): " + (try await ledger.usage(by: dimension, filter, top: 2)).map { $0.key ?? "-" }
                .joined(separator: ","))
        }
        let quality = try await ledger.dataQuality(filter)
        order.append("data quality: \(quality.interactions) \(quality.withMissingVariables) "
                     + quality.missingVariables.map { "\($0.variable)/\($0.interactionType ?? "-")=\($0.count)" }.joined(separator: ","))
        let users = try await ledger.usage(by: .user, filter)
        for group in users { sums["user \(group.key ?? "-")"] = group.summary }
        order.append("users: " + users.map { $0.key ?? "-" }.joined(separator: ","))
        order.append("top users: " + (try await ledger.usage(by: .user, filter, top: 2)).map { $0.key ?? "-" }.joined(separator: ","))
        for bucket in TimeBucket.allCases {
            let groups = try await ledger.usage(by: bucket, filter)
            for group in groups { sums["\(bucket) \(group.key ?? "-")"] = group.summary }
            order.append("\(bucket): " + groups.map { $0.key ?? "-" }.joined(separator: ","))
        }
        for top in [nil, 1] {
            for group in try await ledger.usage(by: .day, and: .model, filter, top: top) {
                sums["day \(group.start.map { "\($0)" } ?? "-") model \(group.key ?? "-") top \(top ?? 0)"] = group.summary
            }
        }
        for latency in try await ledger.latencyPercentiles(by: .hour, filter) {
            order.append("timed \(latency.start): \(latency.timed)")
            percentiles["p50 \(latency.start)"] = latency.p50
            percentiles["p95 \(latency.start)"] = latency.p95
            percentiles["p99 \(latency.start)"] = latency.p99
        }
        return (sums, order, percentiles)
    }

    /// Counts, tokens and cost identical; the mean latency equal but for rounding.
    private static func expectSame(_ a: UsageSummary, _ b: UsageSummary, _ what: String) throws {
        try Expect.equal(a.calls, b.calls, "calls of \(what)")
        try Expect.equal([a.successes, a.errors, a.partials, a.unpricedCalls], [b.successes, b.errors, b.partials, b.unpricedCalls],
                         "outcomes of \(what)")
        try Expect.equal(a.tokens, b.tokens, "tokens of \(what)")
        try Expect.equal(a.costUSD, b.costUSD, "cost of \(what)")
        try Expect.near(a.averageLatencyMs, b.averageLatencyMs, relative: 1e-9, "mean latency of \(what)")
    }
}
