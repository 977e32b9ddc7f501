extension TextScanner {
    /// The length of an IBAN in each country that issues them.
    static let ibanLengths: [UInt16: Int] = {
        let table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20"
        var lengths: [UInt16: Int] = [:]
        for entry in table.split(separator: " ") {
            let bytes = Array(entry.utf8)
            lengths[UInt16(bytes[0]) << 8 | UInt16(bytes[1])] = Int(bytes[2] - 0x30) * 10 + Int(bytes[3] - 0x30)
        }
        return lengths
    }()

    /// An IBAN from the capital at `i`: country, check digits and account, written whole
    /// or in groups of four split by single spaces, of its country's length, passing mod-97.
    func ibanAt(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> ScanMatch? {
        guard i + 15 <= text.count, Byte.isUpper(text[i + 1]), Byte.isDigit(text[i + 2]), Byte.isDigit(text[i + 3]),
              let length = Self.ibanLengths[UInt16(text[i]) << 8 | UInt16(text[i + 1])] else { return nil }
        var characters: [UInt8] = []
        characters.reserveCapacity(length)
        var j = i
        while j < text.count, characters.count < length {
            let byte = text[j]
            if Byte.isUpper(byte) || Byte.isDigit(byte) {
                characters.append(byte)
                j += 1
            } else if byte == 0x20, characters.count % 4 == 0, j + 1 < text.count, Byte.isAlnum(text[j + 1]) {
                j += 1
            } else {
                return nil
            }
        }
        guard characters.count == length, j == text.count || !Byte.isWord(text[j]) else { return nil }
        // mod 97 of the account, then the country and check digits, letters as 10…35.
        var remainder = 0
        for byte in characters[4...] + characters[..<4] {
            if Byte.isDigit(byte) {
                remainder = (remainder * 10 + Int(byte - 0x30)) % 97
            } else {
                remainder = (remainder * 100 + Int(byte - 0x41 + 10)) % 97
            }
        }
        guard remainder == 1 else { return nil }
        return ScanMatch(start: i, end: j, detector: .iban)
    }
}
