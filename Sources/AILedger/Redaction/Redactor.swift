import CoreMetrics

/// A `RedactionPolicy` ready to run: finds sensitive values in text, replaces them, and
/// counts what it replaced.
package final class Redactor: Sendable {
    /// The policy it runs.
    package let policy: RedactionPolicy
    let scanner: TextScanner
    private let allowed: Set<String>
    private let key: [UInt8]
    private let counts = Locked<[String: Int64]>([:])
    private let counters: [String: Counter]
    /// Recent user ids and their pseudonyms: the same few users record call after call,
    /// and an HMAC costs more than scanning a record.
    private let userPseudonyms = Locked<[String: String]>([:])

    /// Runs `policy`; throws `LedgerError.Kind.invalidConfiguration` when it cannot work.
    package init(policy: RedactionPolicy) throws {
        try policy.validate()
        self.policy = policy
        scanner = TextScanner(enabled: Set(policy.detectors.keys))
        allowed = Set(policy.allowed.map { $0.lowercased() })
        key = policy.pseudonymKey ?? []
        var counters: [String: Counter] = [:]
        for name in policy.detectors.keys.map(\.rawValue) + policy.rules.map(\.name) + ["user_id"] {
            counters[name] = Counter(label: "ailedger_redactions_total", dimensions: [("detector", name)])
        }
        self.counters = counters
    }

    /// What has been replaced so far.
    package var statistics: RedactionStatistics { RedactionStatistics(replaced: counts.withLock { $0 }) }

    /// `text` with every sensitive value replaced; nil when nothing was found (the common
    /// case, which allocates nothing).
    package func redacted(_ text: String) -> String? {
        var text = text
        var matches = text.withUTF8 { scanner.scan($0) }
        if !policy.rules.isEmpty { matches = merge(matches, ruleMatches(in: text)) }
        guard !matches.isEmpty else { return nil }
        var output: [UInt8] = []
        var replaced: [String: Int64] = [:]
        text.withUTF8 { bytes in
            output.reserveCapacity(bytes.count)
            var position = 0
            for match in matches {
                let value = Array(bytes[match.start..<match.end])
                guard !allowed.contains(String(decoding: value, as: UTF8.self).lowercased()) else { continue }
                output += bytes[position..<match.start]
                let (name, label, strategy) = describe(match)
                output += Array(replacement(for: value, detector: match.detector, label: label, strategy: strategy).utf8)
                replaced[name, default: 0] += 1
                position = match.end
            }
            output += bytes[position...]
        }
        guard !replaced.isEmpty else { return nil }
        count(replaced)
        return String(decoding: output, as: UTF8.self)
    }

    /// A user id replaced as `RedactionPolicy.userIDs` says; nil when kept.
    package func redactedUserID(_ id: String) -> String? {
        guard let strategy = policy.userIDs else { return nil }
        count(["user_id": 1])
        switch strategy {
        case .placeholder: return "[USER]"
        case .mask: return Self.masked(Array(id.utf8))
        case .pseudonym:
            if let known = userPseudonyms.withLock({ $0[id] }) { return known }
            let value = "user_" + pseudonym("USER", Array(id.utf8))
            userPseudonyms.withLock { cache in
                if cache.count >= 4_096 { cache.removeAll(keepingCapacity: true) }
                cache[id] = value
            }
            return value
        }
    }

    /// An IP address replaced as `RedactionPolicy.ipAddresses` says: `.some(nil)` drops it.
    package func redactedIPAddress(_ address: String) -> String?? {
        guard let strategy = policy.ipAddresses else { return .none }
        switch strategy {
        case .placeholder: return .some(nil)
        case .mask: return .some(IPAddressMask.network(of: address))
        case .pseudonym: return .some(IPAddressMask.uniqueLocal(HMACSHA256.code(key: key, message: Array("IP\u{0}".utf8) + Array(address.lowercased().utf8))))
        }
    }

    private func describe(_ match: ScanMatch) -> (name: String, label: String, strategy: RedactionStrategy) {
        if let detector = match.detector {
            return (detector.rawValue, detector.label, policy.detectors[detector] ?? .placeholder)
        }
        let rule = policy.rules[match.rule]
        return (rule.name, rule.label, rule.strategy)
    }

    private func replacement(for value: [UInt8], detector: RedactionDetector?, label: String, strategy: RedactionStrategy) -> String {
        switch strategy {
        case .placeholder:
            return "[\(label)]"
        case .pseudonym:
            return "[\(label):\(pseudonym(label, Self.normalized(value, detector)))]"
        case .mask:
            switch detector {
            case .email?:
                guard let at = value.firstIndex(of: 0x40) else { return Self.masked(value) }
                return String(decoding: value[..<1], as: UTF8.self) + "***" + String(decoding: value[at...], as: UTF8.self)
            case .ipAddress?:
                return IPAddressMask.network(of: String(decoding: value, as: UTF8.self)) ?? "[IP]"
            default:
                return Self.masked(value)
            }
        }
    }

    /// `****` and the last four letters or digits of `value` when it has eight or more.
    static func masked(_ value: [UInt8]) -> String {
        let alphanumerics = value.filter(Byte.isAlnum)
        guard alphanumerics.count >= 8 else { return "****" }
        return "****" + String(decoding: alphanumerics.suffix(4), as: UTF8.self)
    }

    /// The bytes a pseudonym is keyed on, so that one value written two ways (`+1 415
    /// 555 0132`, `+1-415-555-0132`) gives one pseudonym.
    private static func normalized(_ value: [UInt8], _ detector: RedactionDetector?) -> [UInt8] {
        switch detector {
        case .email?, .ipAddress?: value.map { Byte.isUpper($0) ? $0 | 0x20 : $0 }
        case .phone?, .paymentCard?, .ssn?, .iban?: value.filter(Byte.isAlnum).map { Byte.isLower($0) ? $0 & ~0x20 : $0 }
        default: value
        }
    }

    /// 16 hex digits of HMAC-SHA256 over the label and the value.
    private func pseudonym(_ label: String, _ value: [UInt8]) -> String {
        let code = HMACSHA256.code(key: key, message: Array(label.utf8) + [0] + value)
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in code.prefix(8) { text += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: text, as: UTF8.self)
    }

    private func ruleMatches(in text: String) -> [ScanMatch] {
        var found: [ScanMatch] = []
        let utf8 = text.utf8
        for (index, rule) in policy.rules.enumerated() {
            for match in text.matches(of: rule.regex) where !match.range.isEmpty {
                let start = utf8.distance(from: utf8.startIndex, to: match.range.lowerBound)
                let end = utf8.distance(from: utf8.startIndex, to: match.range.upperBound)
                found.append(ScanMatch(start: start, end: end, detector: nil, rule: index))
            }
        }
        return found
    }

    /// The built-in matches and the rules' matches that overlap none before them, in order.
    private func merge(_ builtIn: [ScanMatch], _ rules: [ScanMatch]) -> [ScanMatch] {
        guard !rules.isEmpty else { return builtIn }
        var kept = builtIn
        for match in rules.sorted(by: { $0.start < $1.start }) where !kept.contains(where: { $0.start < match.end && match.start < $0.end }) {
            kept.append(match)
        }
        return kept.sorted { $0.start < $1.start }
    }

    private func count(_ replaced: [String: Int64]) {
        counts.withLock { counts in
            for (name, value) in replaced { counts[name, default: 0] += value }
        }
        for (name, value) in replaced { counters[name]?.increment(by: value) }
    }
}
