import AILedger
import Foundation

/// Bad input gets a typed error naming the problem, never shows secrets or bound values,
/// and loses nothing already recorded.
enum ErrorCases {
    static let all: [ConformanceSuite.Case] = [
        .init(name: "invalid records are rejected and nothing recorded is lost") { context in
            let ledger = context.ledger
            let kept = (0..<25).map { Call(createdAt: Samples.instant.addingTimeInterval(Double($0)), model: "kept") }
            try await ledger.record(RecordBatch(calls: kept))

            let invalidCalls: [(String, Call)] = [
                ("usage.input", Call(model: "m", usage: TokenUsage(input: -1))),
                ("usage.output", Call(model: "m", usage: TokenUsage(output: -5))),
                ("usage.cacheRead", Call(model: "m", usage: TokenUsage(input: 10, cacheRead: 8, cacheWrite: 3))),
                ("usage.reasoning", Call(model: "m", usage: TokenUsage(output: 1, reasoning: 2))),
                ("costUSD", Call(model: "m", costUSD: -1)),
                ("latencyMs", Call(model: "m", latencyMs: -.infinity)),
                ("model", Call(model: "")),
                ("model", Call(model: String(repeating: "m", count: 256))),
                ("inputText", Call(model: "m", inputText: "nul\u{0}inside")),
                ("inputText", Call(model: "m", inputText: String(repeating: "x", count: 16 * 1024 * 1024 + 1))),
                ("request", Call(model: "m", request: ["t": .double(.nan)])),
                ("response", Call(model: "m", response: .string(String(repeating: "x", count: 16 * 1024 * 1024)))),
                ("createdAt", Call(id: UUID(), createdAt: Date(timeIntervalSince1970: 1e12), model: "m")),
            ]
            for (field, call) in invalidCalls {
                let error = try await Expect.error(.invalidRecord) { try await ledger.record(call) }
                try Expect.that(error.message.contains(field), "the error names \(field): \(error)")
            }
            try await Expect.error(.invalidRecord) {
                try await ledger.record(Interaction(feedback: Feedback(rating: .accepted, qualityScore: 101)))
            }
            try await Expect.error(.invalidRecord) {
                try await ledger.recordFeedback(Feedback(rating: .accepted, editDistance: -1), forInteraction: UUID())
            }
            // One bad record in a batch: the good ones beside it are not written either.
            let good = Call(model: "good")
            try await Expect.error(.invalidRecord) {
                try await ledger.record(RecordBatch(calls: [good, Call(model: "bad", usage: TokenUsage(input: -1))]))
            }
            try Expect.equal(try await ledger.call(id: good.id), nil, "a rejected batch writes nothing")
            try Expect.equal(try await context.count("ailedger_calls"), 25, "everything recorded before is still there")
        },
        .init(name: "constraint violations are typed and hide bound values") { context in
            let ledger = context.ledger
            let secret = "secret-value-\(UUID().ledgerString)"
            // A call pointing at an interaction that does not exist.
            let orphan = Call(interactionID: UUID(), model: secret, inputText: secret)
            let fk = try await Expect.error(.foreignKeyViolation) { try await ledger.record(orphan) }
            try Expect.that(!fk.description.contains(secret), "a foreign-key error does not print bound values: \(fk)")

            let p = { (i: Int) in context.placeholder(i) }
            let id = UUID()
            let insert = "INSERT INTO ailedger_calls (id, created_at, model, status, metadata) VALUES (\(p(1)), \(p(2)), \(p(3)), \(p(4)), \(p(5)))"
            try await context.execute(insert, [.uuid(id), .timestamp(0), .text(secret), .text("success"), .json("{}")])
            let unique = try await Expect.error(.uniqueViolation) {
                try await context.execute(insert, [.uuid(id), .timestamp(0), .text(secret), .text("success"), .json("{}")])
            }
            try Expect.that(!unique.description.contains(secret), "a unique error does not print bound values: \(unique)")
            let check = try await Expect.error(.checkViolation) {
                try await context.execute(insert, [.uuid(UUID()), .timestamp(0), .text(secret), .text("bogus-status"), .json("{}")])
            }
            try Expect.that(!check.description.contains("bogus-status"), "a check error does not print bound values: \(check)")
            try await Expect.error(.notNullViolation) {
                try await context.execute(insert, [.uuid(UUID()), .timestamp(0), .null, .text("success"), .json("{}")])
            }
            try Expect.equal(try await context.count("ailedger_calls"), 1, "only the valid row is stored")
        },
        .init(name: "malformed and unknown URLs give typed errors without the password") { context in
            let drivers = context.suite.drivers
            let cases: [(String, LedgerError.Kind)] = [
                ("no-scheme-at-all", .invalidURL),
                ("postgres://user:hunter2@host:99999/db", .invalidURL),
                ("postgres://user:hunter2@host:port/db", .invalidURL),
                ("mysql://user:hunter2@[::1/db", .invalidURL),
                ("sqlite://user:hunter2@host/%zz", .invalidURL),
                ("oracle://user:hunter2@host/db", .unsupportedScheme),
                ("://user:hunter2@host/db", .invalidURL),
            ]
            for (url, kind) in cases {
                let error = try await Expect.error(kind) { _ = try await Ledger.open(url: url, drivers: drivers) }
                try Expect.that(!error.description.contains("hunter2"), "the error for \(url) hides the password: \(error)")
            }
            try await Expect.error(.closed) {
                let ledger = try await context.reopen()
                await ledger.close()
                _ = try await ledger.calls()
            }
        },
    ]
}
