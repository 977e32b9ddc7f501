import Foundation

/// Latencies counted in log-spaced buckets, from which percentiles are read within a known
/// relative error: what the rollups keep per hour instead of every latency.
///
/// Bucket `i` holds the latencies in (γ^(i-1), γ^i] milliseconds, with γ = 1.02 / 0.98; a
/// zero latency has a bucket of its own. A percentile read from the histogram is the
/// bucket's value 2γ^i / (γ + 1), which lies within `relativeError` (2%) of every latency
/// in the bucket, so within 2% of the exact nearest-rank percentile. Latencies outside 1 µs
/// to 10⁹ ms (11.6 days) are counted at those bounds, which keeps a histogram under 700
/// buckets whatever a client sends.
package struct LatencyHistogram: Sendable, Hashable {
    /// The largest relative error of a percentile read from a histogram: 2%.
    package static let relativeError = 0.02
    static let gamma = (1 + relativeError) / (1 - relativeError)
    private static let logGamma = log(gamma)

    /// Counts of the buckets from index `lowest` up, densely: latencies cluster within a
    /// few hundred buckets, and merging is then an addition of arrays.
    private(set) var counts: [Int64] = []
    private(set) var lowest = 0
    /// Zero latencies.
    var zeros: Int64 = 0

    package init() {}

    /// Whether no latency is counted.
    package var isEmpty: Bool { zeros == 0 && counts.allSatisfy { $0 == 0 } }

    /// Latencies counted.
    package var total: Int64 { counts.reduce(zeros, +) }

    /// Counts `milliseconds` (finite and not negative, as stored latencies are).
    package mutating func add(_ milliseconds: Double, count: Int64 = 1) {
        guard milliseconds > 0 else {
            zeros += count
            return
        }
        add(count, toBucket: Self.bucket(of: milliseconds))
    }

    /// Counts `count` latencies in bucket `index`.
    mutating func add(_ count: Int64, toBucket index: Int) {
        if counts.isEmpty {
            lowest = index
            counts = [count]
            return
        }
        if index < lowest {
            counts.insert(contentsOf: repeatElement(0, count: lowest - index), at: 0)
            lowest = index
        } else if index >= lowest + counts.count {
            counts.append(contentsOf: repeatElement(0, count: index - lowest - counts.count + 1))
        }
        counts[index - lowest] += count
    }

    /// Adds every latency `other` counts.
    package mutating func merge(_ other: LatencyHistogram) {
        zeros += other.zeros
        guard !other.counts.isEmpty else { return }
        add(0, toBucket: other.lowest)
        add(0, toBucket: other.lowest + other.counts.count - 1)
        let offset = other.lowest - lowest
        for (i, count) in other.counts.enumerated() where count != 0 { counts[offset + i] += count }
    }

    /// The counted buckets in index order, with their counts.
    var buckets: some Sequence<(index: Int, count: Int64)> {
        counts.enumerated().lazy.filter { $0.element != 0 }.map { (index: $0.offset + lowest, count: $0.element) }
    }

    /// The bucket indexes a latency can have: those of 1 µs and 10⁹ ms.
    static let buckets = bucket(of: 0.001)...bucket(of: 1e9)

    /// The bucket index of a positive latency: the least i with γ^i ≥ milliseconds, within
    /// the bounds.
    static func bucket(of milliseconds: Double) -> Int {
        let milliseconds = min(max(milliseconds, 0.001), 1e9)
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
        for (offset, count) in counts.enumerated() {
            seen += count
            if seen >= rank { return Self.value(ofBucket: lowest + offset) }
        }
        return nil
    }

    /// The nearest-rank `percentile` (0-100) of the counted latencies: the value at rank
    /// ⌈p × N / 100⌉; nil when none is counted.
    package func percentile(_ percentile: Int64) -> Double? {
        let n = total
        guard n > 0, (0...100).contains(percentile) else { return nil }
        // ⌈p × n / 100⌉ without forming p × n, which overflows for counts past 10^17.
        let (whole, rest) = n.quotientAndRemainder(dividingBy: 100)
        return value(atRank: max(1, whole * percentile + (rest * percentile + 99) / 100))
    }
}
