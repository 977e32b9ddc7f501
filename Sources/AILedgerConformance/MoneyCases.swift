import AILedger
import Foundation

/// Money is summed exactly: 100,000 calls with awkward costs total exactly what `Decimal` says.
enum MoneyCases {
    static let all: [ConformanceSuite.Case] = [
        .init(name: "100,000 awkward costs sum exactly to the nano-dollar") { context in
            let ledger = context.ledger
            // Costs such as $0.100000001 or $0.300012345: none is a binary fraction, so a
            // Double running sum drifts; priced calls add rates with nine decimal digits.
            let (inputRate, outputRate) = (Decimal(string: "0.333333333")!, Decimal(string: "1.777777777")!)
            ledger.addPrices([Price(model: "awkward", effectiveFrom: Date(timeIntervalSince1970: 0),
                                    rates: PriceRates(input: inputRate, output: outputRate))])
            let base = Date(timeIntervalSince1970: 1_750_000_000)
            var expected = Decimal(0), expectedByModel: [String: Decimal] = [:], binary = 0.0
            for chunk in 0..<20 {
                var calls: [Call] = []
                for n in chunk * 5_000..<(chunk + 1) * 5_000 {
                    let model = n % 3 == 0 ? "awkward" : "given-\(n % 4)"
                    var call = Call(createdAt: base.addingTimeInterval(Double(n)), model: model,
                                    usage: TokenUsage(input: Int64(n % 9_973 + 1), output: Int64(n % 1_009)))
                    let cost: Decimal
                    if model == "awkward" {  // priced by the ledger; the expectation is worked out here
                        var exact = (Decimal(call.usage.input!) * inputRate + Decimal(call.usage.output!) * outputRate) / 1_000_000
                        var rounded = Decimal()
                        NSDecimalRound(&rounded, &exact, 9, .bankers)
                        cost = rounded
                    } else {
                        cost = Decimal(n % 3 + 1) / 10 + Decimal((n * 7_919) % 1_000_003) / 1_000_000_000
                        call.costUSD = cost
                    }
                    expected += cost
                    expectedByModel[model, default: 0] += cost
                    binary += NSDecimalNumber(decimal: cost).doubleValue
                    calls.append(call)
                }
                try await ledger.record(RecordBatch(calls: calls))
            }
            let total = try await ledger.usage()
            try Expect.equal(total.calls, 100_000, "calls")
            try Expect.equal(total.unpricedCalls, 0, "every call priced")
            try Expect.equal(total.costUSD, expected, "total cost, exact (a Double sum gives \(binary))")
            let byModel = try await ledger.usage(by: .model)
            try Expect.equal(Dictionary(uniqueKeysWithValues: byModel.map { ($0.key ?? "", $0.summary.costUSD) }), expectedByModel,
                             "cost per model, exact")
            let days = try await ledger.usage(by: .day)
            try Expect.equal(days.map(\.summary.costUSD).reduce(0, +), expected, "daily series adds up exactly")
        },
    ]
}
