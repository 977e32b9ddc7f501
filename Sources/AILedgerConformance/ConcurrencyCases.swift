import AILedger
import Foundation

/// Readers run while a writer records, and see only committed, growing totals.
enum ConcurrencyCases {
    static let all: [ConformanceSuite.Case] = [
        .init(name: "concurrent readers while one writer records") { context in
            let ledger = context.ledger
            let batches = 40, perBatch = 25
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for batch in 0..<batches {
                        let calls = (0..<perBatch).map { i in
                            Call(createdAt: Samples.instant.addingTimeInterval(Double(batch * perBatch + i)), model: "w",
                                 usage: TokenUsage(input: 2, output: 1), costUSD: Decimal(string: "0.000000001")!)
                        }
                        try await ledger.record(RecordBatch(calls: calls))
                    }
                }
                for _ in 0..<4 {
                    group.addTask {
                        var last: Int64 = 0
                        for _ in 0..<30 {
                            let summary = try await ledger.usage()
                            try Expect.that(summary.calls >= last, "a reader saw the count go backwards")
                            try Expect.equal(summary.calls % Int64(perBatch), 0, "a reader saw part of a batch")
                            try Expect.equal(summary.tokens.input ?? 0, summary.calls * 2, "tokens match the count")
                            last = summary.calls
                        }
                    }
                }
                try await group.waitForAll()
            }
            let final = try await ledger.usage()
            try Expect.equal(final.calls, Int64(batches * perBatch), "every call recorded")
            try Expect.equal(final.costUSD, Decimal(batches * perBatch) / 1_000_000_000, "every nano-dollar counted")
        },
        .init(name: "concurrent writers lose nothing") { context in
            let ledger = context.ledger
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for i in 0..<25 {
                            try await ledger.record(Call(createdAt: Samples.instant.addingTimeInterval(Double(writer * 100 + i)),
                                                         model: "writer-\(writer)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            try Expect.equal(try await ledger.usage().calls, 200, "8 writers x 25 calls")
            try Expect.equal(try await ledger.usageByModel().count, 8, "one model per writer")
        },
    ]
}
