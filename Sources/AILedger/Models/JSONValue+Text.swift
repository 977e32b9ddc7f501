import Foundation

extension JSONValue {
    /// Compact JSON text with keys sorted by code point, as `JSONEncoder` writes it with
    /// `.sortedKeys` and `.withoutEscapingSlashes`; a non-finite number is written `null`.
    public var jsonText: String {
        // Room for most requests and responses without growing: one allocation per value.
        var bytes = ByteBuffer(capacity: 1_024)
        write(to: &bytes)
        return bytes.text
    }

    /// At least the length of `jsonText` in bytes, found without writing it: each byte of
    /// a string counted as its longest escape, each number as its longest form.
    var jsonTextBound: Int {
        switch self {
        case .null, .bool: 5
        case .int, .double: 24
        case .string(let value): 2 + 6 * value.utf8.count
        case .array(let values): values.reduce(2) { $0 + $1.jsonTextBound + 1 }
        case .object(let members): members.reduce(2) { $0 + 4 + 6 * $1.key.utf8.count + $1.value.jsonTextBound }
        }
    }

    /// Appends `jsonText` to `bytes`.
    func write(to bytes: inout ByteBuffer) {
        switch self {
        case .null: bytes.append("null")
        case .bool(let value): bytes.append(value ? "true" : "false")
        case .int(let value): Self.writeInteger(value, to: &bytes)
        case .double(let value):
            guard value.isFinite else { return bytes.append("null") }
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            text.withUTF8 { bytes.append($0) }
        case .string(let value): Self.writeString(value, to: &bytes)
        case .array(let values):
            bytes.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                value.write(to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            Self.withSortedMembers(members) { position, key, value in
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.writeString(key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                value.write(to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Calls `body` with each member of `members` in order of their keys' code points,
    /// sorting them in place on the stack: by each key's first eight bytes as one integer,
    /// and by whole keys only where those are equal.
    private static func withSortedMembers(_ members: [String: JSONValue], _ body: (Int, String, JSONValue) -> Void) {
        let count = members.count
        guard count > 1 else {
            if let member = members.first { body(0, member.key, member.value) }
            return
        }
        typealias Member = (prefix: UInt64, key: String, value: JSONValue)
        withUnsafeTemporaryAllocation(of: Member.self, capacity: count) { buffer in
            var filled = 0
            for (key, value) in members {
                (buffer.baseAddress! + filled).initialize(to: (prefix(of: key), key, value))
                filled += 1
            }
            let inOrder = { (a: Member, b: Member) in a.prefix < b.prefix || (a.prefix == b.prefix && precedes(a.key, b.key)) }
            if count > 16 {
                var all = buffer
                all.sort(by: inOrder)
            } else {
                // Insertion sort: fewest steps for the few keys most objects have.
                for next in 1..<count {
                    var slot = next
                    while slot > 0, inOrder(buffer[slot], buffer[slot - 1]) {
                        buffer.swapAt(slot, slot - 1)
                        slot -= 1
                    }
                }
            }
            for position in 0..<count { body(position, buffer[position].key, buffer[position].value) }
            buffer.baseAddress!.deinitialize(count: count)
        }
    }

    /// The first eight bytes of `key` as a big-endian integer, zeros after a shorter key: in
    /// the same order as the keys wherever two differ.
    private static func prefix(of key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return 0 }
            if bytes.count >= 8 { return UInt64(bigEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)) }
            var prefix: UInt64 = 0
            for index in 0..<bytes.count { prefix |= UInt64(bytes[index]) << (56 - 8 * UInt64(index)) }
            return prefix
        }
    }

    /// Whether `a` sorts before `b` by code point, that is by their UTF-8 bytes.
    private static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let common = min(x.count, y.count)
                if common > 0, let xs = x.baseAddress, let ys = y.baseAddress {
                    let order = memcmp(xs, ys, common)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
        return (fast ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// `value`'s decimal digits, with a minus sign when negative.
    private static func writeInteger(_ value: Int64, to bytes: inout ByteBuffer) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes.reverse(from: start)
    }

    /// `value` quoted and escaped: runs of bytes that need no escape are copied whole,
    /// found eight bytes at a time.
    private static func writeString(_ value: String, to bytes: inout ByteBuffer) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var run = 0, index = 0
            let count = utf8.count
            while index < count {
                if index + 8 <= count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self))
                    if !needsEscape(word) {
                        index += 8
                        continue
                    }
                }
                let byte = utf8[index]
                index += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(UnsafeBufferPointer(rebasing: utf8[run..<index - 1]))
                run = index
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0..<0x20:
                    bytes.append("u00")
                    bytes.append(UInt8(ascii: "0") + byte >> 4)  // 0 or 1
                    let low = byte & 0xF
                    bytes.append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
                default: bytes.append(byte)  // a quote or a backslash
                }
            }
            bytes.append(UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes in `word` is a control character, a quote or a
    /// backslash. May say true when none is (a borrow between bytes), never false when one is.
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        // A byte below n sets its high bit in (x - n) when x's own high bit is clear.
        let control = (word &- ones &* 0x20) & ~word
        let zeroQuote = (quote &- ones) & ~quote, zeroBackslash = (backslash &- ones) & ~backslash
        return (control | zeroQuote | zeroBackslash) & highs != 0
    }
}
