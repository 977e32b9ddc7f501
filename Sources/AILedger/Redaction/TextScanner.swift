/// The built-in detectors as one pass over UTF-8 bytes: each byte that can begin a value
/// (a digit or letter at a word start, `@`, `+`, `(`, `-`, `:`) tries the detectors that
/// begin that way, and a found value is checked (Luhn, mod-97, octets, lengths) before it
/// counts.
package struct TextScanner: Sendable {
    /// The detectors that run.
    let enabled: Set<RedactionDetector>
    let email, phone, card, iban, ip, ssn: Bool
    /// The secret detectors, read per word: a flag each, not a set lookup.
    let openAIKey, anthropicKey, awsAccessKey, githubToken, slackToken, jwt, bearerToken, privateKey: Bool
    private let anySecret, anyNumber: Bool
    /// Whether only the secret detectors run: then only a word's first letter and `-` can
    /// begin a value, and `scanSecrets` passes over everything else faster.
    private let secretsOnly: Bool

    package init(enabled: Set<RedactionDetector>) {
        self.enabled = enabled
        (email, phone, card) = (enabled.contains(.email), enabled.contains(.phone), enabled.contains(.paymentCard))
        (iban, ip, ssn) = (enabled.contains(.iban), enabled.contains(.ipAddress), enabled.contains(.ssn))
        (openAIKey, anthropicKey, awsAccessKey) = (enabled.contains(.openAIKey), enabled.contains(.anthropicKey), enabled.contains(.awsAccessKey))
        (githubToken, slackToken, jwt) = (enabled.contains(.githubToken), enabled.contains(.slackToken), enabled.contains(.jwt))
        (bearerToken, privateKey) = (enabled.contains(.bearerToken), enabled.contains(.privateKey))
        anySecret = !enabled.isDisjoint(with: RedactionDetector.secrets)
        anyNumber = phone || card || ip || ssn
        secretsOnly = !(email || phone || anyNumber || iban)
    }

    /// The values found in `text`, in order, none overlapping.
    package func scan(_ text: UnsafeBufferPointer<UInt8>) -> [ScanMatch] {
        if secretsOnly { return scanSecrets(text) }
        var matches: [ScanMatch] = []
        let n = text.count
        var i = 0
        var lastEnd = 0
        while i < n {
            let byte = text[i]
            let previous: UInt8 = i > 0 ? text[i - 1] : 0x20
            var found: ScanMatch?
            switch byte {
            case 0x40 where email:  // @
                found = emailAt(text, i, notBefore: lastEnd)
            case 0x30...0x39 where !Byte.isWord(previous):
                if anyNumber { found = numberAt(text, i, previous: previous) }
                if found == nil { i = Byte.endOfWord(text, i); continue }
            case 0x2B where phone && !Byte.isWord(previous):  // +
                found = internationalPhoneAt(text, i)
            case 0x28 where phone && !Byte.isWord(previous):  // (
                found = nationalPhoneAt(text, i)
            case 0x2D where privateKey:  // -
                found = privateKeyAt(text, i)
            case 0x3A where ip && previous != 0x3A && !Byte.isWord(previous):  // :
                found = ipv6At(text, i)
            case 0x41...0x5A, 0x61...0x7A:
                guard !Byte.isWord(previous) else { break }
                if anySecret { found = secretAt(text, i) }
                if found == nil && iban && Byte.isUpper(byte) { found = ibanAt(text, i) }
                if found == nil && ip && Byte.isHex(byte) { found = ipv6At(text, i) }
                if found == nil {
                    i = Byte.endOfWord(text, i)
                    continue
                }
            default:
                break
            }
            if let found {
                matches.append(found)
                lastEnd = found.end
                i = found.end
            } else {
                i += 1
            }
        }
        return matches
    }

    /// The first letters a secret begins with (`sk-`, `AKIA`, `ghp_`, `xox`, `eyJ`, `Bearer`),
    /// as bits of their offsets from 0x40: a constant folded into `scanSecrets`, where a
    /// `static let` computed at first use costs a `swift_once` check at every word.
    @inline(__always) private static var secretInitials: UInt64 {
        let a: UInt64 = 1 << (0x41 - 0x40) | 1 << (0x42 - 0x40) | 1 << (0x62 - 0x40)  // A B b
        return a | 1 << (0x65 - 0x40) | 1 << (0x67 - 0x40) | 1 << (0x73 - 0x40) | 1 << (0x78 - 0x40)  // e g s x
    }

    /// `scan` when only the secret detectors run: words are skipped whole unless their first
    /// letter can begin a secret, and only `-` among the other bytes is looked at.
    private func scanSecrets(_ text: UnsafeBufferPointer<UInt8>) -> [ScanMatch] {
        var matches: [ScanMatch] = []
        let n = text.count
        var i = 0
        var previous: UInt8 = 0x20
        while i < n {
            let byte = text[i]
            if Byte.isAlnum(byte) {
                guard !Byte.isWord(previous) else {
                    previous = byte
                    i += 1
                    continue
                }
                let offset = byte &- 0x40
                if anySecret, offset < 64, Self.secretInitials >> UInt64(offset) & 1 != 0, let found = secretAt(text, i) {
                    matches.append(found)
                    i = found.end
                    previous = text[i - 1]
                    continue
                }
                i = Byte.endOfWord(text, i)
                previous = text[i - 1]
                continue
            }
            if byte == 0x2D && privateKey, let found = privateKeyAt(text, i) {
                matches.append(found)
                i = found.end
                previous = text[i - 1]
                continue
            }
            previous = byte
            i += 1
        }
        return matches
    }
}
