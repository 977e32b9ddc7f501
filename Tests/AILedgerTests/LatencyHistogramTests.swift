@testable import AILedger
import Foundation
import Testing

/// The rollups' latency histogram: percentiles within 2% of the exact nearest-rank value,
/// its stored text read back, appended texts added up, bad text refused.
@Suite struct LatencyHistogramTests {
    @Test func percentilesAreWithinTwoPercentOfTheExactOnes() {
        var random = SystemRandomNumberGenerator()
        var latencies: [Double] = []
        var histogram = LatencyHistogram()
        for _ in 0..<20_000 {
            let latency = exp(Double.random(in: -3...12, using: &random))  // 0.05 ms to 45 s
            latencies.append(latency)
            histogram.add(latency)
        }
        latencies.sort()
        for p in [1, 10, 50, 90, 95, 99, 100] as [Int64] {
            let exact = latencies[Int(max(1, (p * 20_000 + 99) / 100)) - 1]
            let read = histogram.percentile(p)!
            #expect(abs(read - exact) <= 0.02 * exact, "p\(p): \(read) for \(exact)")
        }
        #expect(histogram.total == 20_000)
    }

    @Test func bucketBoundsAreExact() {
        for value in [0.001, 0.5, 1, 1.0408163265306123, 7.3, 1_000, 123_456.789, 1e9] {
            let index = LatencyHistogram.bucket(of: value)
            #expect(pow(LatencyHistogram.gamma, Double(index)) >= value)
            #expect(pow(LatencyHistogram.gamma, Double(index - 1)) < value)
        }
        // Out of bounds: counted at the bounds, never a huge array.
        #expect(LatencyHistogram.bucket(of: 1e-300) == LatencyHistogram.bucket(of: 0.001))
        #expect(LatencyHistogram.bucket(of: .greatestFiniteMagnitude) == LatencyHistogram.bucket(of: 1e9))
    }

    @Test func storedTextReadsBackAndAppendedTextsAddUp() throws {
        var a = LatencyHistogram(), b = LatencyHistogram()
        for latency: Double in [0, 0, 0.2, 3, 3.01, 250, 9_000] { a.add(latency) }
        for latency: Double in [0, 3, 40_000] { b.add(latency) }
        let read = try LatencyHistogram(text: a.text)
        #expect(read.text == a.text)
        #expect(a.text.hasPrefix("z:2,-"))
        var merged = a
        merged.merge(b)
        #expect(try LatencyHistogram(text: a.text + "," + b.text).text == merged.text)
        #expect(merged.total == 10)
        #expect(try LatencyHistogram(text: "").isEmpty)
    }

    @Test(arguments: ["x", "1", "1:", ":1", "1:0", "1:-2", "z", "1:2;3:4", "1:2,,3:4", "12345678:1", "1:1234567890123456789",
                      "999999:1", "-999999:1", Array(repeating: "1:999999999999999999", count: 10).joined(separator: ",")])
    func malformedTextIsRefused(_ text: String) {
        #expect(throws: LedgerError.self) { try LatencyHistogram(text: text) }
    }
}
