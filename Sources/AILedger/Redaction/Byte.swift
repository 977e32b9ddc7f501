/// ASCII byte classes for the scanners.
enum Byte {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isAlpha(b) }
    /// A letter, digit or `_`: a byte that continues a word.
    @inline(__always) static func isWord(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x5F }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }
    /// base64url and `-`/`_`: the bytes of most API tokens.
    @inline(__always) static func isToken(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x5F || b == 0x2D }

    /// The index after the letters and digits from `i` on.
    static func endOfWord(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var j = i
        while j < text.count, isAlnum(text[j]) { j += 1 }
        return max(j, i + 1)
    }

    /// The index after the bytes from `i` on that satisfy `accept`.
    @inline(__always) static func run(_ text: UnsafeBufferPointer<UInt8>, from i: Int, _ accept: (UInt8) -> Bool) -> Int {
        var j = i
        while j < text.count, accept(text[j]) { j += 1 }
        return j
    }

    /// Whether the bytes at `i` are `prefix` (ASCII, compared exactly).
    @inline(__always) static func has(_ text: UnsafeBufferPointer<UInt8>, _ i: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= text.count else { return false }
        let p = prefix.utf8Start
        for k in 0..<count where text[i + k] != p[k] { return false }
        return true
    }

    /// Whether the bytes at `i` are `prefix`, ignoring ASCII case (`prefix` lowercase).
    @inline(__always) static func hasIgnoringCase(_ text: UnsafeBufferPointer<UInt8>, _ i: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= text.count else { return false }
        let p = prefix.utf8Start
        for k in 0..<count where text[i + k] | 0x20 != p[k] | 0x20 { return false }
        return true
    }
}
