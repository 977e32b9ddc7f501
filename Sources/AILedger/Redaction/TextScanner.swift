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
    /// as bits of their offsets from 0x40: a constant folded into `isSecretStart`, where a
    /// `static let` computed at first use costs a `swift_once` check at every word.
    @inline(__always) private static var secretInitials: UInt64 {
        let a: UInt64 = 1 << (0x41 - 0x40) | 1 << (0x42 - 0x40) | 1 << (0x62 - 0x40)  // A B b
        return a | 1 << (0x65 - 0x40) | 1 << (0x67 - 0x40) | 1 << (0x73 - 0x40) | 1 << (0x78 - 0x40)  // e g s x
    }

    /// `scan` when only the secret detectors run: only a word start that can begin a secret,
    /// and `-`, can begin a value, and `nextSecretStart` finds those sixteen bytes at a time.
    private func scanSecrets(_ text: UnsafeBufferPointer<UInt8>) -> [ScanMatch] {
        var matches: [ScanMatch] = []
        var i = 0
        while true {
            i = nextSecretStart(text, from: i)
            guard i < text.count else { return matches }
            if let found = text[i] == 0x2D ? privateKeyAt(text, i) : secretAt(text, i) {
                matches.append(found)
                i = found.end
            } else {
                i += 1
            }
        }
    }

    /// The first index from `i` on where a secret can begin (`text.count` if there is none):
    /// a `-` followed by `-` when private keys are looked for, or, at a word start (after a
    /// byte that is not a letter, digit or `_`), the first two bytes of a secret the
    /// detectors know: `sk`, `ey`, `gh`, `gi`, `xo`, `xa`, `AK`, `AS`, `AB`, `AC`, `be` in any
    /// case. Sixteen bytes at a time, each beside the bytes before and after it, as vectors:
    /// most blocks of prose or JSON hold no such pair and are passed over whole. A detector
    /// added to `secretAt` must add its first two bytes here.
    @inline(__always) private func nextSecretStart(_ text: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        typealias Bytes = SIMD16<UInt8>
        typealias Lanes = SIMDMask<SIMD16<Int8>>
        let n = text.count
        var i = i
        if i == 0, n > 0 {
            if isSecretStart(text[0], after: 0x20) { return 0 }
            i = 1
        }
        guard let base = text.baseAddress else { return n }
        @inline(__always) func splat(_ byte: UInt8) -> Bytes { Bytes(repeating: byte) }
        while i + 17 <= n {
            let bytes = UnsafeRawPointer(base + i).loadUnaligned(as: Bytes.self)
            let before = UnsafeRawPointer(base + i - 1).loadUnaligned(as: Bytes.self)
            let after = UnsafeRawPointer(base + i + 1).loadUnaligned(as: Bytes.self)
            let digitBefore: Lanes = (before &- splat(0x30)) .< splat(10)
            let letterBefore: Lanes = ((before | splat(0x20)) &- splat(0x61)) .< splat(26)
            let wordBefore: Lanes = digitBefore .| letterBefore .| (before .== splat(0x5F))
            var pairs: Lanes = (bytes .== splat(0x73)) .& (after .== splat(0x6B))  // sk
            pairs = pairs .| ((bytes .== splat(0x65)) .& (after .== splat(0x79)))  // ey
            let g: Lanes = (bytes .== splat(0x67)) .& ((after .== splat(0x68)) .| (after .== splat(0x69)))  // gh gi
            let x: Lanes = (bytes .== splat(0x78)) .& ((after .== splat(0x6F)) .| (after .== splat(0x61)))  // xo xa
            let a: Lanes = (after .== splat(0x4B)) .| (after .== splat(0x53)) .| (after .== splat(0x42)) .| (after .== splat(0x43))
            let be: Lanes = ((bytes | splat(0x20)) .== splat(0x62)) .& ((after | splat(0x20)) .== splat(0x65))
            pairs = pairs .| g .| x .| ((bytes .== splat(0x41)) .& a) .| be  // AK AS AB AC, be
            var candidates: Lanes = anySecret ? pairs .& .!wordBefore : Lanes(repeating: false)
            if privateKey { candidates = candidates .| ((bytes .== splat(0x2D)) .& (after .== splat(0x2D))) }
            // The lanes as two words: `any` reduces lane by lane, in a call per block.
            let lanes = unsafeBitCast(candidates, to: SIMD2<UInt64>.self)
            if lanes[0] | lanes[1] != 0 {
                for lane in 0..<16 where candidates[lane] { return i + lane }
            }
            i += 16
        }
        while i < n {
            if isSecretStart(text[i], after: text[i - 1]) { return i }
            i += 1
        }
        return n
    }

    /// Whether a secret can begin at `byte`, following `previous`, by its first byte alone.
    @inline(__always) private func isSecretStart(_ byte: UInt8, after previous: UInt8) -> Bool {
        if byte == 0x2D { return privateKey }
        let offset = byte &- 0x40
        return anySecret && offset < 64 && Self.secretInitials >> UInt64(offset) & 1 != 0 && !Byte.isWord(previous)
    }
}
