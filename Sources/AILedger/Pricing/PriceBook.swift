import Foundation

/// A set of prices, and the rules that find the one a call is billed at.
///
/// Precedence, first rule that names the model wins:
/// 1. exact name (`gpt-4o`);
/// 2. the name without a dated-snapshot or alias suffix (`gpt-4o-2024-08-06`,
///    `claude-3-5-haiku-20241022`, `claude-3-5-sonnet@20240620`, `-latest` → the base name);
/// 3. `*` patterns, the most specific (most literal characters) first.
/// A `provider/model` name (`openai/gpt-4o`) is read as that provider's model. Within a
/// rule, entries scoped to the call's provider beat unscoped ones; among those, the entry
/// with the latest `effectiveFrom` not after the call's time applies. A call that names no
/// provider may take a provider-scoped price; a call through another provider may not. A model named but
/// with no entry in force at that time has no price (the call is `unpriced`).
public struct PriceBook: Sendable, Hashable {
    /// Every entry.
    public private(set) var prices: [Price]
    /// The entries named without a `*`, by model: the writer matches every call it writes,
    /// so a match must not scan the book.
    private var byModel: [String: [Price]] = [:]
    /// The `*` patterns.
    private var patterns: [Price] = []

    /// Creates a book from entries; later entries replace earlier ones with the same model,
    /// provider and start date.
    public init(_ prices: [Price] = []) {
        self.prices = []
        add(prices)
    }

    /// Adds entries, replacing any with the same model, provider and start date.
    public mutating func add(_ entries: [Price]) {
        for entry in entries {
            prices.removeAll {
                $0.model == entry.model && $0.provider == entry.provider && $0.effectiveFrom == entry.effectiveFrom
            }
            prices.append(entry)
        }
        byModel = Dictionary(grouping: prices.filter { !$0.isPattern }, by: \.model)
        patterns = prices.filter(\.isPattern)
    }

    /// Two books are equal when they hold the same entries.
    public static func == (lhs: PriceBook, rhs: PriceBook) -> Bool { lhs.prices == rhs.prices }

    /// Hashes the entries.
    public func hash(into hasher: inout Hasher) { hasher.combine(prices) }

    /// This book with `other`'s entries added over it.
    public func merging(_ other: PriceBook) -> PriceBook {
        var merged = self
        merged.add(other.prices)
        return merged
    }

    /// The price a call to `model` through `provider` at `date` is billed at, and how it was found.
    public func match(model: String, provider: String? = nil, at date: Date) -> PriceMatch? {
        candidates(model: model, provider: provider)?.inForce(at: date)
    }

    /// The entries a call to `model` through `provider` may be billed at, whatever its time:
    /// `match` picks the one in force among them.
    package func candidates(model: String, provider: String?) -> PriceCandidates? {
        var name = Self.trimmed(model.lowercased())
        var provider = provider?.lowercased()
        if let slash = name.firstIndex(of: "/") {
            // A LiteLLM-style name (`gemini/gemini-2.5-flash`): its prefix read as LiteLLM's provider.
            provider = provider ?? LiteLLMPriceFile.ledgerProvider(String(name[..<slash]))
            name = String(name[name.index(after: slash)...])
        }
        if let exact = byModel[name] { return PriceCandidates(entries: exact, provider: provider, rule: .exact) }
        if let plain = Self.withoutBedrockRegion(name) { return candidates(model: plain, provider: provider) }
        let base = Self.withoutSnapshotSuffix(name)
        if base != name, let snapshot = byModel[base] {
            return PriceCandidates(entries: snapshot, provider: provider, rule: .snapshot)
        }
        let patterns = patterns.filter { Self.glob($0.model, matches: name) }
        guard let specificity = patterns.map({ $0.model.filter { $0 != "*" }.count }).max() else { return nil }
        let best = patterns.filter { $0.model.filter { $0 != "*" }.count == specificity }
        return PriceCandidates(entries: best, provider: provider, rule: .pattern)
    }

    /// `text` without the spaces and tabs around it.
    private static func trimmed(_ text: String) -> String {
        guard text.first?.isWhitespace == true || text.last?.isWhitespace == true else { return text }
        return String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// `us.anthropic.claude-sonnet-4-5-20250929-v1:0` → `anthropic.claude-sonnet-4-5-20250929-v1:0`:
    /// a Bedrock cross-region inference profile's id without its geography; nil for other names.
    static func withoutBedrockRegion(_ name: String) -> String? {
        let parts = name.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, ["us", "eu", "apac", "global", "jp", "au", "us-gov", "ca", "in"].contains(parts[0]),
              !parts[1].isEmpty, parts[1].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
        return String(name.dropFirst(parts[0].count + 1))
    }

    /// `gpt-4o-2024-08-06` → `gpt-4o`; `claude-3-5-haiku-20241022` → `claude-3-5-haiku`;
    /// `claude-3-5-sonnet@20240620` → `claude-3-5-sonnet`; `x-latest` → `x`.
    static func withoutSnapshotSuffix(_ name: String) -> String {
        if name.hasSuffix("-latest") { return String(name.dropLast(7)) }
        let characters = Array(name)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { characters[$0].isASCII && characters[$0].isNumber } }
        let count = characters.count
        if count > 11, characters[count - 11] == "-", characters[count - 6] == "-", characters[count - 3] == "-",
           digits(count - 10..<count - 6), digits(count - 5..<count - 3), digits(count - 2..<count) {
            return String(characters[..<(count - 11)])
        }
        if count > 9, characters[count - 9] == "-" || characters[count - 9] == "@", digits(count - 8..<count) {
            return String(characters[..<(count - 9)])
        }
        return name
    }

    /// Whether `pattern` (with `*` wildcards) matches the whole of `text`.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern == text }
        guard text.hasPrefix(parts[0]), text.hasSuffix(parts[parts.count - 1]),
              text.count >= parts[0].count + parts[parts.count - 1].count else { return false }
        var remainder = Substring(text.dropFirst(parts[0].count).dropLast(parts[parts.count - 1].count))
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let found = remainder.firstRange(of: part) else { return false }
            remainder = remainder[found.upperBound...]
        }
        return true
    }
}
