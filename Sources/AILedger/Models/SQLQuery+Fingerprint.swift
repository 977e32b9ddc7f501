import Foundation

extension SQLQuery {
    /// The statement with its literals left out, so that runs of one statement with
    /// different values count as one: strings, numbers and placeholders become `?`, lists
    /// in parentheses `(?)`, comments go, whitespace is one space, and words are lower case
    /// (quoted identifiers are kept as written).
    public var fingerprint: String { Self.fingerprint(of: statement) }

    /// `statement` normalised as `fingerprint` describes.
    public static func fingerprint(of statement: String) -> String {
        let input = Array(statement.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var space = false
        var i = 0
        func isWord(_ byte: UInt8) -> Bool {
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == 95 || byte >= 128
        }
        func emit(_ byte: UInt8) {
            if space && !out.isEmpty && byte != 44 && byte != 41 && out.last != 40 { out.append(32) }
            space = false
            out.append(byte)
        }
        func skip(until end: [UInt8]) {
            while i < input.count && !input[i...].starts(with: end) { i += 1 }
            i = min(input.count, i + end.count)
        }
        while i < input.count {
            let byte = input[i]
            let next: UInt8 = i + 1 < input.count ? input[i + 1] : 0
            switch byte {
            case 32, 9, 10, 13, 12, 11:
                space = true
                i += 1
            case 45 where next == 45:  // -- comment
                skip(until: [10])
                space = true
            case 47 where next == 42:  // /* comment */
                i += 2
                skip(until: [42, 47])
                space = true
            case 39:  // 'string', with '' and \' inside
                // A prefix letter glued to the literal (E'', N'', X'', B'') goes with it.
                if let last = out.last, [69, 101, 78, 110, 88, 120, 66, 98].contains(last),
                   out.count == 1 || !isWord(out[out.count - 2]), !space {
                    out.removeLast()
                }
                i += 1
                while i < input.count {
                    if input[i] == 92 { i += 2; continue }
                    if input[i] == 39 {
                        if i + 1 < input.count && input[i + 1] == 39 { i += 2; continue }
                        break
                    }
                    i += 1
                }
                i += 1
                emit(63)
            case 34, 96:  // "identifier", `identifier`
                let start = i
                i += 1
                while i < input.count && input[i] != byte { i += 1 }
                i = min(input.count, i + 1)  // past the closing quote
                emit(byte)
                out.append(contentsOf: input[(start + 1)..<i])
            case 36 where next >= 48 && next <= 57:  // $1 placeholder
                i += 1
                while i < input.count && input[i] >= 48 && input[i] <= 57 { i += 1 }
                emit(63)
            case 36 where space || (out.last.map { !isWord($0) } ?? true):  // $tag$ dollar-quoted string $tag$
                var end = i + 1
                while end < input.count && input[end] != 36 && isWord(input[end]) { end += 1 }
                guard end < input.count && input[end] == 36 else {
                    emit(byte)
                    i += 1
                    break
                }
                let tag = Array(input[i...end])
                i = end + 1
                skip(until: tag)
                emit(63)
            case 37 where next == 115 || next == 100:  // %s, %d placeholders
                i += 2
                emit(63)
            case 58 where (next >= 97 && next <= 122) || (next >= 65 && next <= 90) || next == 95:  // :name
                if out.last == 58 {  // the second colon of a :: cast
                    emit(byte)
                    i += 1
                    break
                }
                i += 1
                while i < input.count && isWord(input[i]) { i += 1 }
                emit(63)
            case 48...57 where out.last.map { !isWord($0) || space } ?? true:  // a number
                i += 1
                while i < input.count && (isWord(input[i]) || input[i] == 46
                                          || ((input[i] == 43 || input[i] == 45) && (input[i - 1] == 101 || input[i - 1] == 69))) {
                    i += 1
                }
                emit(63)
            case 65...90:
                emit(byte + 32)
                i += 1
            case 44:  // a comma: always followed by one space
                emit(byte)
                space = true
                i += 1
            default:
                emit(byte)
                i += 1
            }
        }
        while out.last == 59 || out.last == 32 { out.removeLast() }
        let text = String(decoding: out, as: UTF8.self)
        // Lists of values: `IN (?, ?, ?)` and `VALUES (?, ?), (?, ?)` become `(?)`.
        guard text.contains("(?") else { return text }
        let folded = text.replacingOccurrences(of: #"\(\?(, \?)+\)"#, with: "(?)", options: .regularExpression)
        return folded.replacingOccurrences(of: #"\(\?\)(, \(\?\))+"#, with: "(?)", options: .regularExpression)
    }

    /// A short key for `fingerprint`: the first 16 hex digits of its SHA-256.
    static func fingerprintKey(_ fingerprint: String) -> String {
        String(SHA256.hex(Array(fingerprint.utf8)).prefix(16))
    }
}
