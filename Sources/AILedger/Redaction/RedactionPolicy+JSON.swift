import Foundation

extension RedactionPolicy {
    /// Reads a policy from its JSON form, the `redaction` object of `ailedger serve
    /// --config`:
    ///
    /// ```json
    /// {"detectors": {"secrets": "placeholder", "email": "pseudonym", "payment_card": "mask"},
    ///  "rules": [{"name": "order_id", "pattern": "ORD-[0-9]{6}", "strategy": "placeholder"}],
    ///  "allow": ["support@example.com"],
    ///  "pseudonym_key_env": "AILEDGER_PSEUDONYM_KEY",
    ///  "user_id": "pseudonym", "ip_address": "mask"}
    /// ```
    ///
    /// `detectors` is an object of detector → strategy or a list of detectors (each with
    /// `strategy`, default `placeholder`); besides the detector names it takes the groups
    /// `secrets`, `personal`, `all` and `none`, later entries overriding earlier ones. Without
    /// `detectors` the secret detectors run. The pseudonym key is read from the environment
    /// variable `pseudonym_key_env` names, or from the file `pseudonym_key_file` names
    /// (surrounding white space dropped), never from the configuration itself. Throws
    /// `LedgerError.Kind.invalidConfiguration` naming the field at fault.
    public init(json value: JSONValue, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard case .object(let object) = value else { throw Self.invalid("redaction", "must be an object") }
        let known: Set<String> = ["detectors", "strategy", "rules", "allow", "pseudonym_key_env", "pseudonym_key_file", "user_id", "ip_address"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw Self.invalid("redaction.\(unknown)", "is not a redaction setting; known: \(known.sorted().joined(separator: ", "))")
        }
        let strategy = try object["strategy"].map { try Self.strategy($0, "redaction.strategy") } ?? .placeholder
        self = .secrets
        switch object["detectors"] {
        case nil: break
        case .array(let names)?:
            detectors = [:]
            for (index, name) in names.enumerated() {
                guard case .string(let name) = name else { throw Self.invalid("redaction.detectors[\(index)]", "must be a detector name") }
                try set(name, strategy, "redaction.detectors[\(index)]")
            }
        case .object(let entries)?:
            detectors = [:]
            // Groups first, then single detectors, so `{"all": "mask", "email": "pseudonym"}` reads as meant.
            for (name, entry) in entries.sorted(by: { (Self.groups[$0.key] != nil ? 0 : 1, $0.key) < (Self.groups[$1.key] != nil ? 0 : 1, $1.key) }) {
                try set(name, try Self.strategy(entry, "redaction.detectors.\(name)"), "redaction.detectors.\(name)")
            }
        default:
            throw Self.invalid("redaction.detectors", "must be a list of detectors or an object of detector to strategy")
        }
        if case .array(let entries)? = object["rules"] {
            rules = try entries.enumerated().map { index, entry in
                let path = "redaction.rules[\(index)]"
                guard case .object(let rule) = entry, case .string(let name)? = rule["name"], case .string(let pattern)? = rule["pattern"] else {
                    throw Self.invalid(path, "must be an object with a \"name\" and a \"pattern\"")
                }
                return try RedactionRule(name: name, pattern: pattern,
                                         strategy: try rule["strategy"].map { try Self.strategy($0, path + ".strategy") } ?? strategy)
            }
        } else if object["rules"] != nil {
            throw Self.invalid("redaction.rules", "must be a list")
        }
        if case .array(let values)? = object["allow"] {
            allowed = Set(try values.enumerated().map { index, value in
                guard case .string(let text) = value else { throw Self.invalid("redaction.allow[\(index)]", "must be a string") }
                return text
            })
        } else if object["allow"] != nil {
            throw Self.invalid("redaction.allow", "must be a list of strings")
        }
        userIDs = try object["user_id"].map { try Self.strategy($0, "redaction.user_id") }
        ipAddresses = try object["ip_address"].map { try Self.strategy($0, "redaction.ip_address") }
        if case .string(let variable)? = object["pseudonym_key_env"] {
            guard let key = environment[variable], !key.isEmpty else {
                throw Self.invalid("redaction.pseudonym_key_env", "names \(variable), which is not set")
            }
            pseudonymKey = Array(key.utf8)
        } else if case .string(let path)? = object["pseudonym_key_file"] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Self.invalid("redaction.pseudonym_key_file", "cannot be read")
            }
            pseudonymKey = Array(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        }
        try validate()
    }

    /// The detectors each group name stands for.
    static let groups: [String: [RedactionDetector]] = [
        "secrets": RedactionDetector.secrets, "personal": RedactionDetector.personal, "all": RedactionDetector.allCases, "none": [],
    ]

    /// Turns on `name` (a detector or a group) with `strategy`; `none` turns everything off.
    mutating func set(_ name: String, _ strategy: RedactionStrategy, _ path: String) throws {
        if name == "none" {
            detectors = [:]
        } else if let group = Self.groups[name] {
            for detector in group { detectors[detector] = strategy }
        } else if let detector = RedactionDetector(rawValue: name) {
            detectors[detector] = strategy
        } else {
            throw Self.invalid(path, "'\(name)' is not a detector; known: "
                               + (Self.groups.keys.sorted() + RedactionDetector.allCases.map(\.rawValue)).joined(separator: ", "))
        }
    }

    private static func strategy(_ value: JSONValue, _ path: String) throws -> RedactionStrategy {
        guard case .string(let name) = value, let strategy = RedactionStrategy(rawValue: name) else {
            throw invalid(path, "must be \"placeholder\", \"mask\" or \"pseudonym\"")
        }
        return strategy
    }

    private static func invalid(_ path: String, _ problem: String) -> LedgerError {
        LedgerError(.invalidConfiguration, "\(path) \(problem)")
    }
}
