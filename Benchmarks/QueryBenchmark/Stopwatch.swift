import Foundation

/// Times repeated runs of one piece of work and reports their median.
enum Stopwatch {
    /// Runs `work` once to warm caches, then `runs` times, and returns the median in milliseconds.
    static func median(runs: Int = 5, _ work: () async throws -> Void) async throws -> Double {
        try await work()
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try await work()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[times.count / 2]
    }
}
