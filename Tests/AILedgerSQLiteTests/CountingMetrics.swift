import CoreMetrics
import Foundation
import Synchronization

/// A swift-metrics backend that adds up counters by label and dimensions, installed once
/// for the whole test process; other metric kinds are accepted and ignored.
final class CountingMetrics: MetricsFactory, Sendable {
    /// The process's backend, bootstrapped on first use.
    static let shared: CountingMetrics = {
        let metrics = CountingMetrics()
        MetricsSystem.bootstrap(metrics)
        return metrics
    }()

    private let totals = Mutex<[String: Int64]>([:])

    /// The sum of every counter with `label` whose dimensions include all of `dimensions`.
    func total(_ label: String, _ dimensions: [(String, String)]) -> Int64 {
        let wanted = Set(dimensions.map { "\($0.0)=\($0.1)" })
        return totals.withLock { totals in
            totals.filter { key, _ in
                let parts = key.split(separator: "|").map(String.init)
                return parts.first == label && wanted.isSubset(of: parts.dropFirst())
            }.values.reduce(0, +)
        }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> CounterHandler {
        Handler(key: ([label] + dimensions.map { "\($0.0)=\($0.1)" }).joined(separator: "|"), metrics: self)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> RecorderHandler { Ignored() }
    func makeTimer(label: String, dimensions: [(String, String)]) -> TimerHandler { Ignored() }
    func destroyCounter(_ handler: CounterHandler) {}
    func destroyRecorder(_ handler: RecorderHandler) {}
    func destroyTimer(_ handler: TimerHandler) {}

    private func add(_ amount: Int64, to key: String) { totals.withLock { $0[key, default: 0] += amount } }

    private final class Handler: CounterHandler, Sendable {
        let key: String
        let metrics: CountingMetrics
        init(key: String, metrics: CountingMetrics) { (self.key, self.metrics) = (key, metrics) }
        func increment(by amount: Int64) { metrics.add(amount, to: key) }
        func reset() {}
    }

    private final class Ignored: RecorderHandler, TimerHandler, Sendable {
        func record(_ value: Int64) {}
        func record(_ value: Double) {}
        func recordNanoseconds(_ duration: Int64) {}
    }
}
