extension TextScanner {
    /// A credential beginning at `i`, a word start.
    func secretAt(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> ScanMatch? {
        switch text[i] {
        case 0x73:  // s
            guard Byte.has(text, i, "sk-") else { return nil }
            let detector: RedactionDetector = Byte.has(text, i, "sk-ant-") ? .anthropicKey : .openAIKey
            guard detector == .anthropicKey ? anthropicKey : openAIKey else { return nil }
            return token(text, i, minimumLength: 23, detector)
        case 0x41:  // A
            guard awsAccessKey,
                  Byte.has(text, i, "AKIA") || Byte.has(text, i, "ASIA") || Byte.has(text, i, "ABIA") || Byte.has(text, i, "ACCA")
            else { return nil }
            let end = Byte.run(text, from: i) { Byte.isUpper($0) || Byte.isDigit($0) }
            guard end - i == 20, end == text.count || !Byte.isWord(text[end]) else { return nil }
            return ScanMatch(start: i, end: end, detector: .awsAccessKey)
        case 0x67:  // g
            guard githubToken else { return nil }
            if Byte.has(text, i, "github_pat_") { return token(text, i, minimumLength: 11 + 22, .githubToken) }
            guard i + 4 <= text.count, text[i + 1] == 0x68, text[i + 3] == 0x5F,
                  [0x70, 0x6F, 0x75, 0x73, 0x72].contains(text[i + 2]) else { return nil }  // ghp_ gho_ ghu_ ghs_ ghr_
            let end = Byte.run(text, from: i + 4, Byte.isAlnum)
            guard end - i >= 4 + 30, end == text.count || !Byte.isToken(text[end]) else { return nil }
            return ScanMatch(start: i, end: end, detector: .githubToken)
        case 0x78:  // x
            guard slackToken else { return nil }
            guard Byte.has(text, i, "xapp-")
                    || (Byte.has(text, i, "xox") && i + 4 < text.count && [0x61, 0x62, 0x70, 0x72, 0x73, 0x6F, 0x65].contains(text[i + 3])
                        && text[i + 4] == 0x2D) else { return nil }
            let end = Byte.run(text, from: i) { Byte.isAlnum($0) || $0 == 0x2D }
            guard end - i >= 15, end == text.count || !Byte.isWord(text[end]) else { return nil }
            return ScanMatch(start: i, end: end, detector: .slackToken)
        case 0x65:  // e
            guard jwt, Byte.has(text, i, "eyJ") else { return nil }
            return jwtAt(text, i)
        case 0x42, 0x62:  // B b
            guard bearerToken, Byte.hasIgnoringCase(text, i, "bearer ") else { return nil }
            return bearerAt(text, i + 7)
        default:
            return nil
        }
    }

    /// A token of `Byte.isToken` bytes from `i`, at least `minimumLength` long and ending at
    /// a word end.
    private func token(_ text: UnsafeBufferPointer<UInt8>, _ i: Int, minimumLength: Int, _ detector: RedactionDetector) -> ScanMatch? {
        let end = Byte.run(text, from: i, Byte.isToken)
        guard end - i >= minimumLength else { return nil }
        return ScanMatch(start: i, end: end, detector: detector)
    }

    /// `eyJ…` `.` `…` `.` `…`: header, payload and signature in base64url.
    private func jwtAt(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> ScanMatch? {
        func segment(_ from: Int) -> Int { Byte.run(text, from: from, Byte.isToken) }
        let header = segment(i)
        guard header - i >= 10, header < text.count, text[header] == 0x2E else { return nil }
        let payload = segment(header + 1)
        guard payload - header - 1 >= 10, payload < text.count, text[payload] == 0x2E else { return nil }
        let signature = Byte.run(text, from: payload + 1) { Byte.isToken($0) || $0 == 0x3D }
        guard signature - payload - 1 >= 10 else { return nil }
        return ScanMatch(start: i, end: signature, detector: .jwt)
    }

    /// The credential after `Bearer `: 16 or more token bytes holding a letter and a digit.
    private func bearerAt(_ text: UnsafeBufferPointer<UInt8>, _ afterWord: Int) -> ScanMatch? {
        let start = Byte.run(text, from: afterWord) { $0 == 0x20 }
        var letters = false, digits = false
        let end = Byte.run(text, from: start) { byte in
            letters = letters || Byte.isAlpha(byte)
            digits = digits || Byte.isDigit(byte)
            return Byte.isToken(byte) || byte == 0x2E || byte == 0x7E || byte == 0x2B || byte == 0x2F || byte == 0x3D
        }
        guard end - start >= 16, letters, digits else { return nil }
        return ScanMatch(start: start, end: end, detector: .bearerToken)
    }

    /// `-----BEGIN … PRIVATE KEY-----` through its `-----END … PRIVATE KEY-----` line, or
    /// to the end of the text when the block was cut off.
    func privateKeyAt(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> ScanMatch? {
        guard Byte.has(text, i, "-----BEGIN ") else { return nil }
        let lineEnd = min(text.count, i + 64)
        var j = i + 11
        var header: Int?
        while j < lineEnd {
            if Byte.has(text, j, "PRIVATE KEY-----") { header = j + 16; break }
            if text[j] == 0x0A { return nil }
            j += 1
        }
        guard let header else { return nil }
        var k = header
        while k < text.count {
            if Byte.has(text, k, "-----END ") {
                var e = k + 9
                while e < text.count, text[e] != 0x0A {
                    if Byte.has(text, e, "-----") { return ScanMatch(start: i, end: e + 5, detector: .privateKey) }
                    e += 1
                }
                return ScanMatch(start: i, end: e, detector: .privateKey)
            }
            k += 1
        }
        return ScanMatch(start: i, end: text.count, detector: .privateKey)
    }
}
