import AILedger
import Foundation

/// A token bucket per API key: `perSecond` requests a second on average, in bursts of at
/// most `burst`. `take` answers whether a request may pass now, or how long to wait.
final class RateLimiter: Sendable {
    private let perSecond: Double
    private let burst: Double
    private let buckets = Locked<[UUID: (tokens: Double, at: ContinuousClock.Instant)]>([:])

    init(perSecond: Double, burst: Int) {
        self.perSecond = perSecond.isFinite ? max(perSecond, 0.001) : 1
        self.burst = Double(max(1, burst))
    }

    /// Nil when the key may go on now; else the seconds until it may.
    func take(_ key: UUID, now: ContinuousClock.Instant = .now) -> Int? {
        buckets.withLock { buckets in
            if buckets.count > 100_000 { buckets.removeAll() }
            var bucket = buckets[key] ?? (burst, now)
            let elapsed = now - bucket.at
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + seconds * perSecond)
            bucket.at = now
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else { return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up))) }
            bucket.tokens -= 1
            return nil
        }
    }
}
