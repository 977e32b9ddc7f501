/// What `Ledger` redacts from every record before it is stored or spilled to the outbox.
///
/// Redaction covers the input and output text, error messages, feedback comments, SQL
/// statements, a conversation's title, and every string in request, response, structured
/// output, input variables, error details and metadata. It runs in `Ledger.record`, so the
/// library, the buffered writer, the HTTP API, OpenTelemetry ingest and `ailedger ingest`
/// all get it.
///
/// ```swift
/// var policy = RedactionPolicy.secrets                    // the default
/// policy.detectors[.email] = .pseudonym                   // opt in, one by one
/// policy.pseudonymKey = Array(secret.utf8)
/// policy.rules = [try RedactionRule(name: "order_id", pattern: #"ORD-\d{6}"#)]
/// let ledger = try await Ledger.open(url: url, redaction: policy)
/// ```
public struct RedactionPolicy: Sendable {
    /// The detectors that run, and what each replaces a value with.
    public var detectors: [RedactionDetector: RedactionStrategy]
    /// Custom detectors, run after the built-in ones.
    public var rules: [RedactionRule] = []
    /// Values never replaced, however they are detected (`support@example.com`); emails
    /// compare without case.
    public var allowed: Set<String> = []
    /// The secret pseudonyms are keyed by (at least 16 bytes). Required by `.pseudonym`;
    /// keep it out of the database, and stable: a new key gives new pseudonyms.
    public var pseudonymKey: [UInt8]?
    /// What the user id of calls, interactions and conversations is replaced with; nil
    /// keeps it. `.pseudonym` keeps "cost per user" working.
    public var userIDs: RedactionStrategy?
    /// What an interaction's IP address is replaced with; nil keeps it. `.mask` keeps the
    /// network (/24 for IPv4, /48 for IPv6), `.pseudonym` gives an address in `fd00::/8`
    /// derived from the key, `.placeholder` drops it.
    public var ipAddresses: RedactionStrategy?

    /// A policy running `detectors`, each with `strategy`.
    public init(detectors: [RedactionDetector] = [], strategy: RedactionStrategy = .placeholder) {
        self.detectors = Dictionary(uniqueKeysWithValues: detectors.map { ($0, strategy) })
    }

    /// The default: every secret detector, replaced by a placeholder.
    public static let secrets = RedactionPolicy(detectors: RedactionDetector.secrets)
    /// Every built-in detector, secrets and personal data, replaced by a placeholder.
    public static let all = RedactionPolicy(detectors: RedactionDetector.allCases)
    /// Nothing redacted.
    public static let off = RedactionPolicy()

    /// Whether the policy changes nothing.
    public var isOff: Bool { detectors.isEmpty && rules.isEmpty && userIDs == nil && ipAddresses == nil }

    /// Throws `LedgerError.Kind.invalidConfiguration` when the policy cannot work: a
    /// pseudonym without a key of at least 16 bytes.
    public func validate() throws {
        let pseudonyms = detectors.values.contains(.pseudonym) || rules.contains { $0.strategy == .pseudonym }
            || userIDs == .pseudonym || ipAddresses == .pseudonym
        if pseudonyms && (pseudonymKey?.count ?? 0) < 16 {
            throw LedgerError(.invalidConfiguration, "redaction by pseudonym needs a pseudonym key of at least 16 bytes")
        }
    }
}
