/// IP addresses made less identifying while staying addresses (so PostgreSQL's `inet`
/// column still takes them).
enum IPAddressMask {
    /// The address's network: IPv4 with its last octet zero (/24), IPv6 with all but the
    /// first 48 bits zero; nil when `address` is not an address.
    static func network(of address: String) -> String? {
        let bytes = Array(address.utf8)
        if TextScanner.isIPv4(bytes) {
            return address.split(separator: ".").prefix(3).joined(separator: ".") + ".0"
        }
        guard let groups = groups(of: bytes) else { return nil }
        return groups.prefix(3).map { String($0, radix: 16) }.joined(separator: ":") + "::"
    }

    /// An address in the unique-local range `fd00::/8` made of the code's first 15 bytes.
    static func uniqueLocal(_ code: [UInt8]) -> String {
        let bytes = [0xFD] + code.prefix(15)
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }

    /// The eight 16-bit groups of an IPv6 address; nil when it is not one.
    static func groups(of bytes: [UInt8]) -> [UInt16]? {
        guard bytes.count >= 2, bytes.contains(0x3A) else { return nil }
        var text = bytes
        var tail: [UInt16] = []
        // An IPv4 tail becomes two groups.
        if let lastColon = text.lastIndex(of: 0x3A), text[(lastColon + 1)...].contains(0x2E) {
            let ipv4 = Array(text[(lastColon + 1)...])
            guard TextScanner.isIPv4(ipv4) else { return nil }
            let octets = ipv4.split(separator: 0x2E).map { UInt16($0.reduce(0) { $0 * 10 + Int($1 - 0x30) }) }
            tail = [octets[0] << 8 | octets[1], octets[2] << 8 | octets[3]]
            text = Array(text[...lastColon])
            if text.count >= 2, text[text.count - 2] != 0x3A { text.removeLast() }
        }
        func parse(_ part: ArraySlice<UInt8>) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var values: [UInt16] = []
            for group in part.split(separator: 0x3A, omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(String(decoding: group, as: UTF8.self), radix: 16) else { return nil }
                values.append(value)
            }
            return values
        }
        if let k = (0..<text.count - 1).first(where: { text[$0] == 0x3A && text[$0 + 1] == 0x3A }) {
            guard let head = parse(text[..<k]), let rest = parse(text[(k + 2)...]) else { return nil }
            let missing = 8 - head.count - rest.count - tail.count
            guard missing >= 1 else { return nil }
            return head + [UInt16](repeating: 0, count: missing) + rest + tail
        }
        guard let all = parse(text[...]), all.count + tail.count == 8 else { return nil }
        return all + tail
    }
}
