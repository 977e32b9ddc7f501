extension TextScanner {
    /// A value beginning with the digit at `i`: an IP address, an SSN, a card or a phone
    /// number, tried in that order.
    func numberAt(_ text: UnsafeBufferPointer<UInt8>, _ i: Int, previous: UInt8) -> ScanMatch? {
        // An address may follow `ip:` or `http://`; a product token (`Chrome/120.0.0.0`) is a version.
        if ip && (previous == 0x3A || (previous == 0x2F && i >= 2 && text[i - 2] == 0x2F)) {
            return ipv4At(text, i) ?? ipv6At(text, i)
        }
        // Inside a dotted, dashed or slashed token (a version, a date, an order number) nothing begins.
        if previous == 0x2E || previous == 0x2D || previous == 0x2F || previous == 0x3A { return nil }
        if ip, let found = ipv4At(text, i) ?? ipv6At(text, i) { return found }
        if ssn, let found = ssnAt(text, i) { return found }
        if card, let found = cardAt(text, i) { return found }
        if phone, let found = nationalPhoneAt(text, i) { return found }
        return nil
    }

    /// Whether a value ending at `end` ends a token: no letter, digit or `_` follows, nor
    /// a separator followed by a digit.
    @inline(__always) private func endsToken(_ text: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        guard end < text.count else { return true }
        let next = text[end]
        if Byte.isWord(next) { return false }
        if next == 0x2E || next == 0x2D || next == 0x2F {
            return end + 1 >= text.count || !Byte.isDigit(text[end + 1])
        }
        return true
    }

    /// Four decimal octets, each 0 to 255 without leading zeros, not part of a longer dotted
    /// number and not after the word `version`, `release` or `build`.
    func ipv4At(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> ScanMatch? {
        var j = i
        for octet in 0..<4 {
            let start = j
            var value = 0
            while j < text.count, Byte.isDigit(text[j]), j - start < 3 {
                value = value * 10 + Int(text[j] - 0x30)
                j += 1
            }
            let length = j - start
            guard length > 0, value <= 255, length == 1 || text[start] != 0x30 else { return nil }
            if octet < 3 {
                guard j < text.count, text[j] == 0x2E else { return nil }
                j += 1
            }
        }
        guard endsToken(text, j), !afterVersionWord(text, i) else { return nil }
        return ScanMatch(start: i, end: j, detector: .ipAddress)
    }

    /// Whether the word before `i` (across spaces) names a version.
    private func afterVersionWord(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        var end = i
        while end > 0, text[end - 1] == 0x20 { end -= 1 }
        var start = end
        while start > 0, Byte.isAlpha(text[start - 1]) { start -= 1 }
        guard end - start >= 1, end - start <= 8 else {
            // torch==1.2.3.4, pkg@1.2.3.4
            return (end >= 2 && text[end - 1] == 0x3D && text[end - 2] == 0x3D) || (end >= 1 && text[end - 1] == 0x40)
        }
        var word = ""
        for k in start..<end { word.append(Character(Unicode.Scalar(text[k] | 0x20))) }
        return ["version", "versions", "ver", "v", "release", "build", "firmware", "sdk", "patch", "rev"].contains(word)
    }

    /// `123-45-6789`, with a valid area (not 000, 666 or 9xx), group and serial.
    func ssnAt(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> ScanMatch? {
        guard i + 11 <= text.count, text[i + 3] == 0x2D, text[i + 6] == 0x2D else { return nil }
        var digits = [Int]()
        for k in [0, 1, 2, 4, 5, 7, 8, 9, 10] {
            guard Byte.isDigit(text[i + k]) else { return nil }
            digits.append(Int(text[i + k] - 0x30))
        }
        let area = digits[0] * 100 + digits[1] * 10 + digits[2]
        let group = digits[3] * 10 + digits[4]
        let serial = digits[5...].reduce(0) { $0 * 10 + $1 }
        guard area != 0, area != 666, area < 900, group != 0, serial != 0, endsToken(text, i + 11) else { return nil }
        return ScanMatch(start: i, end: i + 11, detector: .ssn)
    }

    /// 13 to 19 digits with single spaces or dashes between groups, of a known network and
    /// length, passing the Luhn check.
    func cardAt(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> ScanMatch? {
        var digits = [UInt8]()
        digits.reserveCapacity(19)
        var j = i
        var end = i
        while j < text.count {
            let byte = text[j]
            if Byte.isDigit(byte) {
                digits.append(byte - 0x30)
                j += 1
                end = j
                if digits.count > 19 { return nil }
            } else if (byte == 0x20 || byte == 0x2D), j + 1 < text.count, Byte.isDigit(text[j + 1]), j > i, Byte.isDigit(text[j - 1]) {
                j += 1
            } else {
                break
            }
        }
        guard digits.count >= 13, endsToken(text, end), Self.isCardNetwork(digits), Self.passesLuhn(digits) else { return nil }
        return ScanMatch(start: i, end: end, detector: .paymentCard)
    }

    /// Whether `digits` begin like a card of Visa, Mastercard, American Express, Discover,
    /// JCB, Diners Club, UnionPay or Maestro, with a length that network issues.
    static func isCardNetwork(_ digits: [UInt8]) -> Bool {
        let n = digits.count
        let two = Int(digits[0]) * 10 + Int(digits[1])
        let three = two * 10 + Int(digits[2])
        let four = three * 10 + Int(digits[3])
        switch digits[0] {
        case 4: return n == 13 || n == 16 || n == 19
        case 5: return ((51...55).contains(two) && n == 16) || ((two == 50 || (56...58).contains(two)) && (12...19).contains(n))
        case 2: return (2221...2720).contains(four) && n == 16
        case 3:
            if two == 34 || two == 37 { return n == 15 }
            if (3528...3589).contains(four) { return (16...19).contains(n) }
            return ((300...305).contains(three) || two == 36 || two == 38 || two == 39) && (14...19).contains(n)
        case 6: return (four == 6011 || two == 65 || (644...649).contains(three) || two == 62 || two == 63 || two == 67) && (12...19).contains(n)
        default: return false
        }
    }

    /// The Luhn (mod 10) check of card numbers.
    static func passesLuhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if position % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }
}
