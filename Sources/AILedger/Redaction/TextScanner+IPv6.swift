extension TextScanner {
    /// An IPv6 address from `i` in RFC 4291 text form (eight groups, or fewer around one
    /// `::`, an IPv4 tail allowed); times (`10:30:45`) and MAC addresses are not.
    func ipv6At(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> ScanMatch? {
        // The longest address is 45 characters: a longer run is no address, and is not
        // read to its end from every position in it.
        var end = i
        while end < text.count, end - i <= 45, Byte.isHex(text[end]) || text[end] == 0x3A || text[end] == 0x2E { end += 1 }
        guard end - i <= 45 else { return nil }
        while end > i, text[end - 1] == 0x2E { end -= 1 }
        guard end - i >= 3, end == text.count || !Byte.isWord(text[end]) else { return nil }
        var colons = 0
        for k in i..<end where text[k] == 0x3A { colons += 1 }
        guard colons >= 2 else { return nil }
        let candidate = Array(UnsafeBufferPointer(rebasing: text[i..<end]))
        guard Self.isIPv6(candidate) else { return nil }
        return ScanMatch(start: i, end: end, detector: .ipAddress)
    }

    /// Whether `bytes` are an IPv6 address worth redacting: valid RFC 4291 text, and not
    /// as short as code often is (`a::b`): three groups, a group of three or more hex
    /// digits, an IPv4 tail or the loopback `::1`.
    static func isIPv6(_ bytes: [UInt8]) -> Bool {
        let colon: UInt8 = 0x3A
        var halves: [[UInt8]] = [bytes]
        if let k = (0..<bytes.count - 1).first(where: { bytes[$0] == colon && bytes[$0 + 1] == colon }) {
            halves = [Array(bytes[..<k]), Array(bytes[(k + 2)...])]
            if halves[1].count >= 1 && halves[1][0] == colon { return false }  // ':::'
        }
        var groups = 0, longest = 0
        var ipv4Tail = false
        for (index, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: colon, omittingEmptySubsequences: false)
            for (position, part) in parts.enumerated() {
                guard !part.isEmpty else { return false }
                if part.contains(0x2E) {
                    // Only the very last group may be an IPv4 address.
                    guard index == halves.count - 1, position == parts.count - 1, isIPv4(Array(part)) else { return false }
                    ipv4Tail = true
                    groups += 2
                } else {
                    guard part.count <= 4, part.allSatisfy(Byte.isHex) else { return false }
                    groups += 1
                    longest = max(longest, part.count)
                }
            }
        }
        guard halves.count == 2 ? groups <= 7 : groups == 8 else { return false }
        return groups >= 3 || longest >= 3 || ipv4Tail || bytes == Array("::1".utf8)
    }

    /// Whether `bytes` are exactly four decimal octets.
    static func isIPv4(_ bytes: [UInt8]) -> Bool {
        let parts = bytes.split(separator: 0x2E, omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            guard (1...3).contains(part.count), part.allSatisfy(Byte.isDigit), part.count == 1 || part.first != 0x30 else { return false }
            return part.reduce(0) { $0 * 10 + Int($1 - 0x30) } <= 255
        }
    }
}
