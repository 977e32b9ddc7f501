extension LatencyHistogram {
    /// The histogram as stored: `index:count` pairs in index order, separated by commas,
    /// zero latencies as `z:count`; empty text for an empty histogram.
    package var text: String {
        var parts: [String] = []
        if zeros > 0 { parts.append("z:\(zeros)") }
        for bucket in buckets { parts.append("\(bucket.index):\(bucket.count)") }
        return parts.joined(separator: ",")
    }

    /// Reads a stored histogram: `text` as written, or several of them joined by commas
    /// (what appending a batch's histogram to a stored one makes), whose counts add up.
    /// Throws `LedgerError.Kind.decodingFailed` for anything else.
    package init(text: String) throws {
        self.init()
        try add(text: text)
    }

    /// Adds the counts of a stored histogram's text, read byte by byte: a dashboard's
    /// percentiles read thousands of them. A bucket no latency can have, or counts whose
    /// sum overflows, make the text malformed.
    package mutating func add(text: String) throws {
        var text = text
        var sum = total
        let valid = text.withUTF8 { bytes -> Bool in
            var index = 0
            while index < bytes.count {
                var zero = false, negative = false, bucket = 0, digits = 0
                if bytes[index] == UInt8(ascii: "z") {
                    zero = true
                    index += 1
                } else {
                    if bytes[index] == UInt8(ascii: "-") {
                        negative = true
                        index += 1
                    }
                    while index < bytes.count, bytes[index] &- 48 < 10, digits < 6 {
                        bucket = bucket * 10 + Int(bytes[index] &- 48)
                        index += 1
                        digits += 1
                    }
                    guard digits > 0 else { return false }
                }
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
                index += 1
                var count: Int64 = 0
                digits = 0
                while index < bytes.count, bytes[index] &- 48 < 10, digits < 18 {
                    count = count * 10 + Int64(bytes[index] &- 48)
                    index += 1
                    digits += 1
                }
                guard digits > 0, count > 0 else { return false }
                let added = sum.addingReportingOverflow(count)
                guard !added.overflow else { return false }
                sum = added.partialValue
                if index < bytes.count {
                    guard bytes[index] == UInt8(ascii: ",") else { return false }
                    index += 1
                }
                if zero {
                    zeros += count
                } else {
                    guard Self.buckets.contains(negative ? -bucket : bucket) else { return false }
                    add(count, toBucket: negative ? -bucket : bucket)
                }
            }
            return true
        }
        guard valid else { throw LedgerError(.decodingFailed, "a stored latency histogram is malformed") }
    }
}
