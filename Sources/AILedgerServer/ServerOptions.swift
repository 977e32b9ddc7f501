/// How `LedgerServer` answers.
public struct ServerOptions: Sendable {
    /// The largest request body accepted, in bytes; larger ones get 413. Default 10 MiB.
    public var maxBodyBytes: Int
    /// The most records one request may carry; more get 413. Default 10,000.
    public var maxRecordsPerRequest: Int
    /// The most records a page of a list answers with. Default 1,000.
    public var maxPageSize: Int
    /// Whether every route but the health checks needs an API key. Default true; turn it
    /// off only for local experiments.
    public var requireKeys: Bool
    /// Requests a second each key may make on average; past it, 429 with Retry-After.
    /// Default 100.
    public var requestsPerSecondPerKey: Double
    /// How many requests a key may make at once above its average. Default 200.
    public var burstPerKey: Int
    /// How long requests may go on after SIGTERM before they are cancelled. Default 20 s.
    public var shutdownGrace: Duration
    /// Whether prompts and completions sent in OpenTelemetry spans are stored. Default
    /// false: content may hold personal data.
    public var captureContent: Bool

    /// Creates options; every default is the one documented on its property.
    public init(maxBodyBytes: Int = 10 << 20, maxRecordsPerRequest: Int = 10_000, maxPageSize: Int = 1_000,
                requireKeys: Bool = true, requestsPerSecondPerKey: Double = 100, burstPerKey: Int = 200,
                shutdownGrace: Duration = .seconds(20), captureContent: Bool = false) {
        self.captureContent = captureContent
        self.shutdownGrace = shutdownGrace
        self.requireKeys = requireKeys
        self.requestsPerSecondPerKey = requestsPerSecondPerKey
        self.burstPerKey = burstPerKey
        self.maxBodyBytes = maxBodyBytes
        self.maxRecordsPerRequest = maxRecordsPerRequest
        self.maxPageSize = maxPageSize
    }
}
