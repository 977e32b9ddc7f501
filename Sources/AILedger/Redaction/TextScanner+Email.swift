extension TextScanner {
    /// The email address around the `@` at `at`: a local part of letters, digits and
    /// `._%+-` (or any non-ASCII letter), and a domain of two or more labels ending in a top-level domain of letters
    /// (not a file extension: `icon@2x.png` is no address).
    func emailAt(_ text: UnsafeBufferPointer<UInt8>, _ at: Int, notBefore floor: Int) -> ScanMatch? {
        func isLocal(_ b: UInt8) -> Bool { Byte.isAlnum(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D }
        // A local part has at most 64 bytes and a domain 255: neither is read further, so
        // a long run before many `@` is not read again for each.
        var start = at
        while start > floor, at - start <= 64 {
            let byte = text[start - 1]
            if byte < 0x80 {
                guard isLocal(byte) else { break }
                start -= 1
            } else {
                // A non-ASCII letter or digit continues the local part (jürgen@…); other
                // characters (a full-width colon, an ideographic space) end it.
                var first = start - 1
                while first > floor, text[first] & 0xC0 == 0x80 { first -= 1 }
                guard Self.isLetterOrDigit(text, first, start) else { break }
                start = first
            }
        }
        while start < at, text[start] == 0x2E { start += 1 }
        guard start < at, text[at - 1] != 0x2E, at - start <= 64 else { return nil }
        var j = at + 1
        var labels = 0
        var lastLabelStart = j
        var lastLabelLetters = true
        while j < text.count {
            let labelStart = j
            var letters = true
            while j < text.count, j - at <= 256, Byte.isAlnum(text[j]) || text[j] == 0x2D || text[j] >= 0x80 {
                letters = letters && Byte.isAlpha(text[j])
                j += 1
            }
            guard j > labelStart, text[labelStart] != 0x2D, text[j - 1] != 0x2D else { return nil }
            labels += 1
            lastLabelStart = labelStart
            lastLabelLetters = letters
            if j - at <= 256, j + 1 < text.count, text[j] == 0x2E, Byte.isAlnum(text[j + 1]) { j += 1 } else { break }
        }
        let tld = j - lastLabelStart
        guard labels >= 2, lastLabelLetters, tld >= 2, tld <= 24, j - at <= 255 else { return nil }
        if j < text.count, Byte.isWord(text[j]) || text[j] == 0x40 { return nil }
        if tld <= 4 {
            var ending = ""
            for k in lastLabelStart..<j { ending.append(Character(Unicode.Scalar(text[k] | 0x20))) }
            if ["png", "jpg", "jpeg", "gif", "svg", "webp", "pdf", "js", "ts", "css", "html", "json", "txt", "md"].contains(ending) { return nil }
        }
        return ScanMatch(start: start, end: j, detector: .email)
    }

    /// Whether the UTF-8 bytes `start..<end` are one letter or digit.
    static func isLetterOrDigit(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var decoder = UTF8()
        var bytes = UnsafeBufferPointer(rebasing: text[start..<end]).makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&bytes) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
