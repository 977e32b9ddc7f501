import AILedger
import Foundation

/// Overviews, group-bys and time buckets give the same exact numbers on every backend.
enum AnalyticsCases {
    static func at(_ text: String) -> Date { Timestamp.date(microseconds: Timestamp.parse(text)!) }

    static let all: [ConformanceSuite.Case] = [
        .init(name: "overview, group-by and time buckets are exact") { context in
            let ledger = context.ledger
            let times = ["2025-03-03T05:10:00Z", "2025-03-05T23:59:00Z", "2025-03-09T12:00:00Z",
                         "2025-03-10T00:00:00Z", "2025-04-01T08:30:00Z"]
            var calls: [Call] = []
            for i in 1...20 {
                calls.append(Call(createdAt: at(times[i % 5]).addingTimeInterval(Double(i) / 1000), model: i % 4 == 0 ? "b" : "a",
                                  provider: "p", callType: i % 2 == 0 ? "chat" : nil, status: i % 10 == 0 ? .error : .success,
                                  userID: "u\(i % 3)", usage: TokenUsage(input: Int64(i), output: 1),
                                  costUSD: Decimal(i) / 1_000_000_000, latencyMs: Double(i)))
            }
            calls.append(Call(createdAt: at(times[0]), model: "c", status: .partial))  // no latency, no tokens
            try await ledger.record(RecordBatch(calls: calls))

            let overview = try await ledger.overview()
            try Expect.equal(overview.summary.calls, 21, "calls")
            try Expect.equal(overview.summary.errors, 2, "errors")
            try Expect.equal(overview.partialRate, 1.0 / 21, "partial rate")
            // Nearest rank over latencies 1...20: ⌈0.5 × 20⌉ = 10, ⌈0.95 × 20⌉ = 19, ⌈0.99 × 20⌉ = 20;
            // read from the rollups within 2%, exact from the raw rows.
            try Expect.near(overview.latencyP50, 10, relative: 0.02, "p50 from rollups")
            try Expect.near(overview.latencyP99, 20, relative: 0.02, "p99 from rollups")
            ledger.readsRollups = false
            let exact = try await ledger.overview()
            ledger.readsRollups = true
            try Expect.equal(exact.latencyP50, 10, "p50")
            try Expect.equal(exact.latencyP95, 19, "p95")
            try Expect.equal(exact.latencyP99, 20, "p99")
            try Expect.equal(overview.summary.costUSD, Decimal(210) / 1_000_000_000, "cost")

            let byModel = try await ledger.usage(by: .model)
            try Expect.equal(byModel.map(\.key), ["a", "b", "c"], "most expensive first")
            try Expect.equal(byModel.map(\.summary.calls), [15, 5, 1], "calls per model")
            let top = try await ledger.usage(by: .user, top: 2)
            try Expect.equal(top.count, 2, "top-N")
            let byType = try await ledger.usage(by: .callType)
            try Expect.equal(byType.map(\.key), ["chat", nil], "a group for calls without a call type")

            let weeks = try await ledger.usage(by: .week)
            try Expect.equal(weeks.map(\.key), ["2025-03-03T00:00:00Z", "2025-03-10T00:00:00Z", "2025-03-31T00:00:00Z"],
                             "weeks start on Monday")
            try Expect.equal(weeks.map(\.summary.calls), [13, 4, 4], "calls per week")
            try Expect.equal(weeks.first?.start, at("2025-03-03T00:00:00Z"), "bucket start")
            let days = try await ledger.usage(by: .day)
            try Expect.equal(days.map(\.key), ["2025-03-03T00:00:00Z", "2025-03-05T00:00:00Z", "2025-03-09T00:00:00Z",
                                               "2025-03-10T00:00:00Z", "2025-04-01T00:00:00Z"], "days")
            let months = try await ledger.usage(by: .month)
            try Expect.equal(months.map(\.key), ["2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z"], "months")
            try Expect.equal(months.map(\.summary.calls), [17, 4], "calls per month")
            let hours = try await ledger.usage(by: .hour, LedgerFilter(since: at("2025-03-05T00:00:00Z"), until: at("2025-03-06T00:00:00Z")))
            try Expect.equal(hours.map(\.key), ["2025-03-05T23:00:00Z"], "hours within a window")
            let hourOfDay = try await ledger.usage(by: .hourOfDay)
            try Expect.equal(hourOfDay.map(\.key), ["0", "5", "8", "12", "23"], "hour of day, as numbers in order")

            // Per month and model in one pass; with top 1, the other models summed under nil.
            let split = try await ledger.usage(by: .month, and: .model)
            let march = at("2025-03-01T00:00:00Z"), april = at("2025-04-01T00:00:00Z")
            try Expect.equal(split.map(\.start), [march, march, march, april, april], "in time order")
            try Expect.equal(split.map(\.key), ["a", "b", "c", "a", "b"], "within a month, the most expensive first")
            try Expect.equal(split.map(\.summary.calls), [12, 4, 1, 3, 1], "calls per month and model")
            let topOne = try await ledger.usage(by: .month, and: .model, top: 1)
            try Expect.equal(topOne.map(\.key), ["a", nil, "a", nil], "the top model and the rest")
            try Expect.equal(topOne.map(\.summary.calls), [12, 5, 3, 1], "the rest summed")
            try Expect.equal(topOne.map(\.summary.costUSD).reduce(0, +), overview.summary.costUSD, "nothing lost")
            // Latency percentiles per month: March's 16 timed calls, April's 4 (nearest rank).
            ledger.readsRollups = false
            let latency = try await ledger.latencyPercentiles(by: .month)
            ledger.readsRollups = true
            try Expect.equal(latency.map(\.start), [march, april], "per month, in order")
            try Expect.equal(latency.map(\.timed), [16, 4], "timed calls")
            try Expect.equal(latency.map(\.p50), [10, 9], "p50: rank 8 of 16, rank 2 of 4")
            try Expect.equal(latency.map(\.p95), [20, 19], "p95: rank 16 of 16, rank 4 of 4")
            try Expect.equal(latency.map(\.p99), [20, 19], "p99")
            do {
                _ = try await ledger.usage(by: .hourOfDay, and: .model)
                throw ConformanceFailure(message: "hour of day split by a dimension was accepted", location: #fileID)
            } catch let error as LedgerError {
                try Expect.that(error.message.contains("hour-of-day"), "the error names the bucket: \(error.message)")
            }
        },
        .init(name: "exact percentiles over ties, zeros and crowded latencies") { context in
            let ledger = context.ledger
            // 1,009 timed calls: zeros, a run of ties, a crowd of values closer than 2% apart
            // (one range of a bucketed count), fractions and a long tail; then untimed calls.
            var latencies = [Double](repeating: 0, count: 7) + [Double](repeating: 250, count: 300)
            for n in 0..<500 { latencies.append(1_000 + Double(n) / 64) }
            for n in 1...200 { latencies.append(0.001 * Double(n * n)) }
            latencies += [60_000, 59_999.75]
            let base = at("2025-06-02T00:00:00Z")
            var calls = latencies.enumerated().map { n, latency in
                Call(createdAt: base.addingTimeInterval(Double((n * 7_919) % 1_009)), model: "m", status: .success, latencyMs: latency)
            }
            calls += (0..<5).map { Call(createdAt: base.addingTimeInterval(Double($0)), model: "m", status: .error) }
            let interactions = latencies.prefix(600).enumerated().map { n, latency in
                Interaction(createdAt: base.addingTimeInterval(Double(n)), status: .success, latencyMs: latency)
            }
            try await ledger.record(RecordBatch(interactions: interactions, calls: calls))
            let nearest = { (values: [Double], p: Int) -> Double in
                let sorted = values.sorted()
                return sorted[max(1, (p * sorted.count + 99) / 100) - 1]
            }
            ledger.readsRollups = false
            defer { ledger.readsRollups = true }
            let overview = try await ledger.overview()
            try Expect.equal(overview.summary.calls, 1_014, "calls")
            try Expect.equal(overview.latencyP50, nearest(latencies, 50), "p50")
            try Expect.equal(overview.latencyP95, nearest(latencies, 95), "p95")
            try Expect.equal(overview.latencyP99, nearest(latencies, 99), "p99")
            let window = LedgerFilter(since: base.addingTimeInterval(500))
            let later = latencies.enumerated().filter { (n, _) in (n * 7_919) % 1_009 >= 500 }.map(\.element)
            let part = try await ledger.overview(window)
            try Expect.equal([part.latencyP50, part.latencyP95, part.latencyP99],
                             [nearest(later, 50), nearest(later, 95), nearest(later, 99)], "percentiles of a window")
            let processing = try await ledger.interactionOverview()
            let first = Array(latencies.prefix(600))
            try Expect.equal([processing.latencyP50, processing.latencyP95, processing.latencyP99],
                             [nearest(first, 50), nearest(first, 95), nearest(first, 99)], "interactions' percentiles")
        },
    ]
}
