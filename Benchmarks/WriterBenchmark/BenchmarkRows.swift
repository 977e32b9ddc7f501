import AILedger
import AILedgerConformance
import Foundation

/// The rows every ingest path loads, as `Call` values for AILedger and as a row file for
/// the C ceiling programs (`Benchmarks/Ceilings/rowfile.h` describes the format).
enum BenchmarkRows {
    /// Small calls, about 200 bytes: tokens, cost, latency, a short question, no JSON.
    static func small(_ count: Int, seed: Int) -> [Call] {
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

    /// Realistic calls, about 3 KB (`RealisticCalls`), a thousand users, made as a live
    /// client makes them: ids and times of now, in order.
    static func realistic(_ count: Int, seed: Int) -> [Call] {
        var calls: [Call] = []
        calls.reserveCapacity(count)
        for first in stride(from: 0, to: count, by: 1_000) {
            for (n, var call) in RealisticCalls.make(min(1_000, count - first), user: "", seed: seed * 1_000 + first / 1_000).enumerated() {
                call.userID = "user-\((first + n) % 1_000)"
                calls.append(call)
            }
        }
        return calls
    }

    /// The row file of `calls` with each value as the writer stores it: every column the
    /// writer names that some call sets, times in `sqlite`'s text form or else as
    /// `YYYY-MM-DD HH:MM:SS.ffffff` (UTC).
    static func rowFile(_ calls: [Call], sqlite: Bool) -> Data {
        let rows = calls.map(\.storedValues)
        var types: [String?] = Array(repeating: nil, count: Call.storedColumns.count)
        for row in rows {
            for (index, value) in row.enumerated() where types[index] == nil { types[index] = type(of: value) }
        }
        let kept = types.indices.filter { types[$0] != nil }
        var data = Data("AILEDGER-ROWS 1\n".utf8)
        data.append(Data((kept.map { "\(Call.storedColumns[$0]):\(types[$0]!)" }.joined(separator: ",") + "\n").utf8))
        data.reserveCapacity(calls.count * 3_500)
        for row in rows {
            for index in kept {
                guard let text = self.text(row[index], sqlite: sqlite) else {
                    withUnsafeBytes(of: Int32(-1).littleEndian) { data.append(contentsOf: $0) }
                    continue
                }
                let bytes = Array(text.utf8)
                withUnsafeBytes(of: Int32(bytes.count).littleEndian) { data.append(contentsOf: $0) }
                data.append(contentsOf: bytes)
            }
        }
        return data
    }

    private static func type(of value: SQLValue) -> String? {
        switch value {
        case .null: nil
        case .integer, .bool: "int8"
        case .double: "float8"
        case .uuid: "uuid"
        case .timestamp: "timestamptz"
        case .json: "jsonb"
        case .text, .blob: "text"
        }
    }

    private static func text(_ value: SQLValue, sqlite: Bool) -> String? {
        switch value {
        case .null: return nil
        case .integer(let number): return String(number)
        case .bool(let flag): return flag ? "1" : "0"
        case .double(let number): return "\(number)"
        case .uuid(let uuid): return uuid.ledgerString
        case .timestamp(let micros):
            let iso = Timestamp.iso8601(microseconds: micros)
            return sqlite ? iso : String(iso.dropLast()).replacingOccurrences(of: "T", with: " ")
        case .json(let text), .text(let text): return text
        case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }
}
