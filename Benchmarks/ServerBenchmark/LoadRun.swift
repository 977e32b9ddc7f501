import AILedger
import Foundation

/// Requests posted by a number of connections, each on its own thread, for a while: as fast
/// as the server answers, or each at a fixed pace (latency then counts from when a request
/// was due, so a slow answer also delays the ones behind it).
struct LoadRun {
    var requests = 0
    var accepted = 0
    var failures = 0
    var latenciesMs: [Double] = []
    var seconds = 0.0

    /// Posts `bodies` round robin; `prepare`, when given, adjusts each request (by its
    /// number) before it is sent, and `acceptedPerRequest` counts a 200 answer as that many
    /// records instead of reading the answer's `accepted`.
    static func run(port: Int, requests bodies: [[UInt8]], connections: Int, seconds: Double, interval: Double? = nil,
                    prepare: (@Sendable (inout [UInt8], Int) -> Void)? = nil, acceptedPerRequest: Int? = nil) async throws -> LoadRun {
        let total = Locked(LoadRun())
        let problem = Locked<String?>(nil)
        let start = Date()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let left = Locked(connections)
            for worker in 0..<connections {
                let thread = Thread {
                    var mine = LoadRun()
                    do {
                        let connection = try LoadConnection(port: port)
                        var index = worker
                        var due = start.addingTimeInterval((interval ?? 0) * Double(worker) / Double(connections))
                        while Date().timeIntervalSince(start) < seconds {
                            if interval == nil {
                                due = Date()
                            } else if due.timeIntervalSinceNow > 0 {
                                Thread.sleep(forTimeInterval: due.timeIntervalSinceNow)
                            }
                            var request = bodies[index % bodies.count]
                            prepare?(&request, index)
                            let answer = try connection.send(request)
                            mine.latenciesMs.append(Date().timeIntervalSince(due) * 1_000)
                            mine.requests += 1
                            if answer.status == 200, let acceptedPerRequest {
                                mine.accepted += acceptedPerRequest
                            } else if answer.status == 200,
                                      let range = answer.body.range(of: #""accepted":[0-9]+"#, options: .regularExpression) {
                                mine.accepted += Int(answer.body[range].split(separator: ":").last ?? "") ?? 0
                            } else {
                                mine.failures += 1
                            }
                            index += connections
                            if let interval { due = due.addingTimeInterval(interval) }
                        }
                    } catch {
                        problem.withLock { $0 = "\(error)" }
                    }
                    total.withLock { run in
                        run.requests += mine.requests
                        run.accepted += mine.accepted
                        run.failures += mine.failures
                        run.latenciesMs += mine.latenciesMs
                    }
                    if left.withLock({ $0 -= 1; return $0 }) == 0 { done.resume() }
                }
                thread.start()
            }
        }
        if let problem = problem.withLock({ $0 }) { throw LoadError(problem) }
        var run = total.withLock { $0 }
        run.seconds = Date().timeIntervalSince(start)
        return run
    }

    /// The `p`th percentile of the latencies (nearest rank), in milliseconds.
    func percentile(_ p: Double) -> Double {
        let sorted = latenciesMs.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))]
    }
}
