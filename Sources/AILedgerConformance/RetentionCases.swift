import AILedger
import Foundation

/// Retention removes exactly the records its kind names, children before parents (no call
/// left pointing at a removed interaction, a conversation gone with its last record),
/// archives what it removes, counts the same in a dry run, and leaves the rollups counting
/// what it removed unless asked.
enum RetentionCases {
    static let base = Timestamp.date(microseconds: Timestamp.parse("2025-03-01T00:00:00Z")!)
    /// 100 days after `base`: with 50 days kept, the cutoff is midnight of 2025-04-20.
    static let now = base.addingTimeInterval(100 * 86_400)
    static let old = base.addingTimeInterval(3_600), recent = base.addingTimeInterval(80 * 86_400)

    /// What is stored, by name: old and recent conversations, interactions and calls in the
    /// shapes retention must tell apart.
    struct Fixture {
        var conversations: [String: Conversation] = [:]
        var interactions: [String: Interaction] = [:]
        var calls: [String: Call] = [:]

        init() {
            // c1: old, everything in it old. c2: old, with one recent interaction. c3: old, a
            // lone old call. c4: recent.
            for (name, at) in [("c1", old), ("c2", old), ("c3", old), ("c4", recent)] {
                conversations[name] = Conversation(createdAt: at, userID: "retention")
            }
            for (name, conversation, at) in [("i1a", "c1", old), ("i1b", "c1", old), ("i2a", "c2", old), ("i2b", "c2", recent)] {
                interactions[name] = Interaction(conversationID: conversations[conversation]!.id, createdAt: at, userID: "retention")
            }
            // i3: old, no conversation, two SQL statements and a call made after the cutoff.
            interactions["i3"] = Interaction(createdAt: old, userID: "retention",
                                             sqlQueries: [SQLQuery(statement: "SELECT 1"), SQLQuery(statement: "SELECT 2")])
            // i4: old, no conversation, two SQL statements and an old call.
            interactions["i4"] = Interaction(createdAt: old, userID: "retention",
                                             sqlQueries: [SQLQuery(statement: "SELECT 3"), SQLQuery(statement: "SELECT 4")])
            func call(_ name: String, _ interaction: String?, _ conversation: String?, _ at: Date) {
                calls[name] = Call(interactionID: interaction.map { interactions[$0]!.id }, conversationID: conversation.map { conversations[$0]!.id },
                                   createdAt: at, model: "retention-\(name)", userID: "retention", usage: TokenUsage(input: 100, output: 10))
            }
            call("k1a1", "i1a", "c1", old); call("k1a2", "i1a", "c1", old); call("k1b", "i1b", "c1", old)
            call("k2a", "i2a", "c2", old); call("k2b", "i2b", "c2", recent); call("k3", "i3", nil, recent)
            call("kc3", nil, "c3", old); call("k4", "i4", nil, old)
            for n in 0..<5 { call("old\(n)", nil, nil, old.addingTimeInterval(86_400 * 2 + Double(n))) }
            for n in 0..<3 { call("new\(n)", nil, nil, recent.addingTimeInterval(86_400 * 10 + Double(n))) }
        }

        func record(in ledger: Ledger) async throws {
            try await ledger.record(RecordBatch(conversations: Array(conversations.values), interactions: Array(interactions.values),
                                                calls: Array(calls.values)))
        }
    }

    /// The names of the records of `fixture` still stored.
    static func remaining(_ ledger: Ledger, _ fixture: Fixture) async throws -> (calls: Set<String>, interactions: Set<String>, conversations: Set<String>) {
        var calls = Set<String>(), interactions = Set<String>(), conversations = Set<String>()
        for (name, call) in fixture.calls where try await ledger.call(id: call.id) != nil { calls.insert(name) }
        for (name, interaction) in fixture.interactions where try await ledger.interaction(id: interaction.id) != nil { interactions.insert(name) }
        for (name, conversation) in fixture.conversations where try await ledger.conversation(id: conversation.id) != nil { conversations.insert(name) }
        return (calls, interactions, conversations)
    }

    static let all: [ConformanceSuite.Case] = [
        .init(name: "retention removes each kind, children first, and a dry run counts the same") { context in
            let fixture = Fixture()
            let allCalls = Set(fixture.calls.keys), allInteractions = Set(fixture.interactions.keys)
            let allConversations = Set(fixture.conversations.keys)
            let oldCalls: Set<String> = ["k1a1", "k1a2", "k1b", "k2a", "kc3", "k4", "old0", "old1", "old2", "old3", "old4"]
            let expected: [(RetentionKind, calls: Set<String>, interactions: Set<String>, conversations: Set<String>, statements: Int)] = [
                (.calls, allCalls.subtracting(oldCalls), allInteractions, allConversations, 0),
                // i3 stays while its call k3, made after the cutoff, does.
                (.interactions, allCalls.subtracting(["k1a1", "k1a2", "k1b", "k2a", "k4"]), ["i2b", "i3"], ["c2", "c3", "c4"], 2),
                (.conversations, allCalls.subtracting(["k1a1", "k1a2", "k1b", "kc3"]), allInteractions.subtracting(["i1a", "i1b"]),
                 ["c2", "c4"], 0),
                (.all, ["k2b", "k3", "new0", "new1", "new2"], ["i2b", "i3"], ["c2", "c4"], 2),
            ]
            for (kind, calls, interactions, conversations, statements) in expected {
                try await context.reset()
                try await fixture.record(in: context.ledger)
                let policy = RetentionPolicy(days: 50, kind: kind, archive: .table, batchSize: 2)
                let dry = try await context.ledger.applyRetention(policy, dryRun: true, now: now)
                try Expect.equal(dry.cutoff, Timestamp.date(microseconds: Timestamp.parse("2025-04-20T00:00:00Z")!), "the cutoff is midnight UTC")
                let report = try await context.ledger.applyRetention(policy, now: now)
                if try await context.ledger.callsArePartitioned() {
                    // Partitioned calls (PostgreSQL): March 2025 went whole where calls go by age.
                    let dropsMonths = kind == .calls || kind == .all
                    try Expect.equal(report.droppedPartitions.contains("ailedger_calls_2025_03"), dropsMonths, "March dropped whole by \(kind)")
                }
                let left = try await remaining(context.ledger, fixture)
                try Expect.equal(left.calls, calls, "calls left after \(kind)")
                try Expect.equal(left.interactions, interactions, "interactions left after \(kind)")
                try Expect.equal(left.conversations, conversations, "conversations left after \(kind)")
                let counts = [("ailedger_calls", allCalls.count - calls.count), ("ailedger_interactions", allInteractions.count - interactions.count),
                              ("ailedger_conversations", allConversations.count - conversations.count)]
                for (table, removed) in counts {
                    try Expect.equal(report.deleted[table] ?? 0, removed, "\(table) deleted by \(kind)")
                    try Expect.equal(report.archived[table] ?? 0, removed, "\(table) archived by \(kind)")
                    try Expect.equal(Int(try await context.count(table + "_archive")), removed, "\(table)_archive after \(kind)")
                    try Expect.equal(dry.deleted[table] ?? 0, removed, "\(table) counted by the dry run of \(kind)")
                }
                try Expect.equal(report.deleted["ailedger_sql_queries"] ?? 0, statements, "SQL statements deleted by \(kind)")
                try Expect.equal(Int(try await context.count("ailedger_sql_queries_archive")), statements, "SQL statements archived by \(kind)")
                // A second run finds nothing more.
                let again = try await context.ledger.applyRetention(policy, now: now)
                try Expect.equal(again.total, 0, "a second run of \(kind) removes nothing")
            }
        },
        .init(name: "retention keeps the rollups counting what it removed unless asked") { context in
            let ledger = context.ledger
            try await Fixture().record(in: ledger)
            let before = try await ledger.usage()
            try await ledger.applyRetention(RetentionPolicy(days: 50, kind: .all), now: now)
            try Expect.equal(try await ledger.aggregateSource(), .rollups, "the rollups answer")
            try Expect.equal(try await ledger.usage(), before, "all-time totals still count the removed calls")
            let cutoff = RetentionPolicy(days: 50).cutoff(at: now)
            let since = LedgerFilter(since: cutoff)
            let rolled = try await ledger.usage(since)
            ledger.readsRollups = false
            try Expect.equal(try await ledger.usage(since), rolled, "after the cutoff, rollups and raw rows agree")
            ledger.readsRollups = true
            let report = try await ledger.applyRetention(RetentionPolicy(days: 50, kind: .all, includeRollups: true), now: now)
            try Expect.that((report.deleted["ailedger_call_rollups"] ?? 0) > 0, "the removed days' rollups go when asked")
            try Expect.equal(try await ledger.usage(), rolled, "then all-time totals count only what is left")
        },
        .init(name: "retention refuses a policy that keeps no day") { context in
            let error = try await Expect.error(.invalidConfiguration) { try await context.ledger.applyRetention(RetentionPolicy(days: 0)) }
            try Expect.that(error.message.contains("days"), "the message names the setting: \(error.message)")
        },
    ]
}
