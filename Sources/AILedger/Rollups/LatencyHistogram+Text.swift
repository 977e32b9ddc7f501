extension LatencyHistogram {
    /// The histogram as stored: `index:count` pairs in index order, separated by commas,
    /// zero latencies as `z:count`; empty text for an empty histogram.
    package var text: String {
        var parts: [String] = []
        parts.reserveCapacity(counts.count + 1)
        if zeros > 0 { parts.append("z:\(zeros)") }
        for index in counts.keys.sorted() { parts.append("\(index):\(counts[index] ?? 0)") }
        return parts.joined(separator: ",")
    }

    /// Reads a stored histogram: `text` as written, or several of them joined by commas
    /// (what appending a batch's histogram to a stored one makes), whose counts add up.
    /// Throws `LedgerError.Kind.decodingFailed` for anything else.
    package init(text: String) throws {
        self.init()
        guard !text.isEmpty else { return }
        for part in text.split(separator: ",") {
            let pair = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, let count = Int64(pair[1]), count > 0 else {
                throw LedgerError(.decodingFailed, "a stored latency histogram is malformed")
            }
            if pair[0] == "z" {
                zeros += count
            } else if let index = Int(pair[0]) {
                counts[index, default: 0] += count
            } else {
                throw LedgerError(.decodingFailed, "a stored latency histogram is malformed")
            }
        }
    }
}
