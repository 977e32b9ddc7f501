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

    /// Creates options; every default is the one documented on its property.
    public init(maxBodyBytes: Int = 10 << 20, maxRecordsPerRequest: Int = 10_000, maxPageSize: Int = 1_000,
                requireKeys: Bool = true) {
        self.requireKeys = requireKeys
        self.maxBodyBytes = maxBodyBytes
        self.maxRecordsPerRequest = maxRecordsPerRequest
        self.maxPageSize = maxPageSize
    }
}
