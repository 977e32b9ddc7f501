import Foundation

/// Latencies counted in log-spaced buckets, from which percentiles are read within a known
/// relative error: what the rollups keep per hour instead of every latency.
///
/// Bucket `i` holds the latencies in (γ^(i-1), γ^i] milliseconds, with γ = 1.02 / 0.98; a
/// zero latency has a bucket of its own. A percentile read from the histogram is the
/// bucket's value 2γ^i / (γ + 1), which lies within `relativeError` (2%) of every latency
/// in the bucket, so within 2% of the exact nearest-rank percentile.
package struct LatencyHistogram: Sendable, Hashable {
    /// The largest relative error of a percentile read from a histogram: 2%.
    package static let relativeError = 0.02
    static let gamma = (1 + relativeError) / (1 - relativeError)
    private static let logGamma = log(gamma)

    /// Latencies per bucket index.
    var counts: [Int: Int64] = [:]
    /// Zero latencies.
    var zeros: Int64 = 0

    package init() {}

    /// Whether no latency is counted.
    package var isEmpty: Bool { zeros == 0 && counts.isEmpty }

    /// Latencies counted.
    package var total: Int64 { counts.values.reduce(zeros, +) }

    /// Counts `milliseconds` (finite and not negative, as stored latencies are).
    package mutating func add(_ milliseconds: Double, count: Int64 = 1) {
        guard milliseconds > 0 else {
            zeros += count
            return
        }
        counts[Self.bucket(of: milliseconds), default: 0] += count
    }

    /// Adds every latency `other` counts.
    package mutating func merge(_ other: LatencyHistogram) {
        zeros += other.zeros
        counts.merge(other.counts, uniquingKeysWith: +)
    }

    /// The bucket index of a positive latency: the least i with γ^i ≥ milliseconds.
    static func bucket(of milliseconds: Double) -> Int {
        var index = Int((log(milliseconds) / logGamma).rounded(.up))
        // Logarithms round: keep the bucket's bounds exact in floating point.
        if pow(gamma, Double(index)) < milliseconds { index += 1 }
        if pow(gamma, Double(index - 1)) >= milliseconds { index -= 1 }
        return index
    }

    /// The value a percentile in bucket `index` is read as.
    static func value(ofBucket index: Int) -> Double {
        2 * pow(gamma, Double(index)) / (gamma + 1)
    }

    /// The latency of nearest rank `rank` (1-based) in ascending order, within
    /// `relativeError`; nil when fewer latencies are counted.
    package func value(atRank rank: Int64) -> Double? {
        guard rank >= 1 else { return nil }
        var seen = zeros
        if seen >= rank { return 0 }
        for index in counts.keys.sorted() {
            seen += counts[index] ?? 0
            if seen >= rank { return Self.value(ofBucket: index) }
        }
        return nil
    }

    /// The nearest-rank `percentile` (0-100) of the counted latencies: the value at rank
    /// ⌈p × N / 100⌉; nil when none is counted.
    package func percentile(_ percentile: Int64) -> Double? {
        let n = total
        guard n > 0 else { return nil }
        return value(atRank: max(1, (percentile * n + 99) / 100))
    }
}
