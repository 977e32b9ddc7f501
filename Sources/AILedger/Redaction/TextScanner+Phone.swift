extension TextScanner {
    /// A phone number in E.164 form from the `+` at `i`: 8 to 15 digits, in groups split by
    /// single spaces, dashes, dots or a parenthesised area code.
    func internationalPhoneAt(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> ScanMatch? {
        guard i + 1 < text.count, Byte.isDigit(text[i + 1]) else { return nil }
        guard let (end, groups) = digitGroups(text, from: i + 1) else { return nil }
        let total = groups.reduce(0, +)
        guard (8...15).contains(total) else { return nil }
        return ScanMatch(start: i, end: end, detector: .phone)
    }

    /// A national phone number from `i`: 10 or 11 digits in groups, either the North
    /// American 3-3-4 (`(415) 555-0132`, `415.555.0132`, `1-415-555-0132`) or, with a
    /// leading 0, groups of 2 to 5 digits (`020 7946 0958`, `01 23 45 67 89`).
    func nationalPhoneAt(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> ScanMatch? {
        guard let (end, groups) = digitGroups(text, from: i), groups.count >= 2 else { return nil }
        let total = groups.reduce(0, +)
        guard total == 10 || total == 11 else { return nil }
        let first = text[i] == 0x28 ? text[i + 1] : text[i]
        if first == 0x30 {
            guard groups.allSatisfy({ (2...5).contains($0) }) || (groups.count == 2 && groups[1] <= 8 && groups[0] <= 5) else { return nil }
        } else {
            guard groups == [3, 3, 4] || (groups == [1, 3, 3, 4] && first == 0x31) else { return nil }
        }
        return ScanMatch(start: i, end: end, detector: .phone)
    }

    /// The lengths of the digit groups from `i`, split by one space, `-` or `.`, or a
    /// parenthesised group; nil when the run is not such a number (letters or more digits
    /// follow its first group).
    private func digitGroups(_ text: UnsafeBufferPointer<UInt8>, from i: Int) -> (end: Int, groups: [Int])? {
        var groups: [Int] = []
        var j = i
        var end = i
        var dotted: Bool?
        while j < text.count, groups.count < 8 {
            // One group: digits, or digits in parentheses.
            let open = text[j] == 0x28
            let start = open ? j + 1 : j
            let digitsEnd = Byte.run(text, from: start, Byte.isDigit)
            var k = digitsEnd
            var valid = digitsEnd > start
            if valid && open {
                valid = k < text.count && text[k] == 0x29
                k += 1
            }
            guard valid else {
                if groups.isEmpty { return nil }
                break
            }
            groups.append(digitsEnd - start)
            end = k
            // A separator, and the next group's first byte after it.
            guard k + 1 < text.count else { break }
            let byte = text[k], next = text[k + 1]
            guard byte == 0x20 || byte == 0x2D || byte == 0x2E, Byte.isDigit(next) || (byte == 0x20 && next == 0x28) else { break }
            // Dots split groups only when every separator is a dot (415.555.0132).
            if let dotted, dotted != (byte == 0x2E) { break }
            dotted = byte == 0x2E
            j = k + 1
        }
        if end < text.count, Byte.isWord(text[end]) { return nil }
        if end + 1 < text.count, text[end] == 0x2E || text[end] == 0x2D, Byte.isDigit(text[end + 1]) { return nil }
        return (end, groups)
    }
}
