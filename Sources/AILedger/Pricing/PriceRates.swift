import Foundation

/// What a model costs, in US dollars per million tokens of each kind.
public struct PriceRates: Sendable, Hashable {
    /// Uncached input (prompt) tokens.
    public var input: Decimal
    /// Output (completion) tokens.
    public var output: Decimal
    /// Input tokens read from the cache; defaults to `input`.
    public var cacheRead: Decimal?
    /// Input tokens written to the cache (the default, short-lived cache); defaults to `input`.
    public var cacheWrite: Decimal?
    /// Input tokens written to a one-hour cache; defaults to `cacheWrite`.
    public var cacheWrite1h: Decimal?
    /// Reasoning tokens; defaults to `output`.
    public var reasoning: Decimal?

    /// Creates rates; unset kinds fall back as documented on each property.
    public init(input: Decimal, output: Decimal, cacheRead: Decimal? = nil, cacheWrite: Decimal? = nil,
                cacheWrite1h: Decimal? = nil, reasoning: Decimal? = nil) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.cacheWrite1h = cacheWrite1h
        self.reasoning = reasoning
    }
}
