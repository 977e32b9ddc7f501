/// A custom detector: a name and a regular expression (Swift `Regex` syntax).
///
/// Matches are replaced like a built-in detector's: `[NAME]`, a mask or a pseudonym.
public struct RedactionRule: Sendable {
    /// The name, in placeholders (`[ORDER_ID]`) and statistics.
    public let name: String
    /// The regular expression as written.
    public let pattern: String
    /// What a match is replaced with.
    public var strategy: RedactionStrategy
    nonisolated(unsafe) let regex: Regex<AnyRegexOutput>

    /// A rule named `name` matching `pattern`.
    ///
    /// Throws `LedgerError.Kind.invalidConfiguration` when the name is not a lowercase
    /// identifier (letters, digits, `_`) or the pattern does not compile (the message names
    /// the rule, not the pattern's text).
    public init(name: String, pattern: String, strategy: RedactionStrategy = .placeholder) throws {
        guard !name.isEmpty, name.count <= 64,
              name.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }) else {
            throw LedgerError(.invalidConfiguration, "redaction rule names are 1 to 64 lowercase letters, digits or '_'")
        }
        if RedactionDetector(rawValue: name) != nil {
            throw LedgerError(.invalidConfiguration, "redaction rule '\(name)' has the name of a built-in detector")
        }
        do {
            regex = try Regex(pattern)
        } catch {
            throw LedgerError(.invalidConfiguration, "redaction rule '\(name)': the pattern is not a valid regular expression")
        }
        self.name = name
        self.pattern = pattern
        self.strategy = strategy
    }

    /// The name in placeholders and pseudonyms.
    var label: String { name.uppercased() }
}
