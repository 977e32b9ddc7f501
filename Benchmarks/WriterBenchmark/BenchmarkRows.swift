import AILedger
import Foundation

/// The rows every ingest path loads: calls with the same fifteen columns set, written as
/// `Call` values for AILedger and as files for each database's own bulk-load tool.
enum BenchmarkRows {
    static let columns = ["id", "created_at", "model", "provider", "call_type", "status", "user_id", "input_tokens",
                          "output_tokens", "cache_read_tokens", "cost_nano_usd", "cost_source", "latency_ms", "input_text",
                          "metadata"]

    static func calls(_ count: Int, seed: Int) -> [Call] {
        let start = Date(timeIntervalSince1970: 1_767_225_600 + Double(seed) * 86_400)
        return (0..<count).map { (n: Int) -> Call in
            let usage = TokenUsage(input: Int64(n % 8_000 + 50), output: Int64(n % 1_500), cacheRead: Int64(n % 2_000))
            let at: Date = Timestamp.rounded(start.addingTimeInterval(Double(n) / 1_000))
            let cost: Decimal = Decimal(n % 9_999 + 1) / 1_000_000_000
            let status: Status = n % 33 == 0 ? .error : .success
            let latency: Double = Double(n % 9_900) + 0.5
            return Call(createdAt: at, model: "model-\(n % 8)", provider: "bench", callType: "chat", status: status,
                        userID: "user-\(n % 1_000)", usage: usage, costUSD: cost, costSource: .provided, latencyMs: latency,
                        inputText: "benchmark question number \(n), with a comma and \"quotes\"")
        }
    }

    private static func values(_ call: Call, time: String) -> [String?] {
        [call.id.ledgerString, time, call.model, call.provider, call.callType, call.status.rawValue, call.userID,
         call.usage.input.map(String.init), call.usage.output.map(String.init), call.usage.cacheRead.map(String.init),
         call.costUSD.flatMap { NanoDollars.from(usd: $0) }.map(String.init), call.costSource?.rawValue,
         call.latencyMs.map { String($0) }, call.inputText, "{}"]
    }

    private static func iso(_ date: Date) -> String { Timestamp.iso8601(microseconds: Timestamp.microseconds(date)) }

    /// CSV for PostgreSQL's COPY (an unquoted empty field is NULL).
    static func csv(_ calls: [Call]) -> String {
        calls.map { call in
            values(call, time: iso(call.createdAt)).map { value -> String in
                guard let value else { return "" }
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// One transaction of multi-row INSERTs of `rowsPerStatement` rows, for the sqlite3 and
    /// mariadb clients.
    static func insertScript(_ calls: [Call], mysql: Bool, rowsPerStatement: Int = 500) -> String {
        var script = mysql ? "SET time_zone = '+00:00';\nSTART TRANSACTION;\n" : "BEGIN;\n"
        for start in stride(from: 0, to: calls.count, by: rowsPerStatement) {
            script += "INSERT INTO ailedger_calls (\(columns.joined(separator: ", "))) VALUES\n"
            script += calls[start..<min(start + rowsPerStatement, calls.count)].map { call in
                let time = mysql ? String(iso(call.createdAt).dropLast()).replacingOccurrences(of: "T", with: " ") : iso(call.createdAt)
                return "(" + values(call, time: time).map { value in
                    guard let value else { return "NULL" }
                    return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
                }.joined(separator: ", ") + ")"
            }.joined(separator: ",\n") + ";\n"
        }
        return script + "COMMIT;\n"
    }
}
