/// Where the ledger answers a question over calls from: what `Ledger.aggregateSource`
/// explains.
public enum AggregateSource: String, Sendable, Hashable, Codable {
    /// The hourly rollups, with the raw rows of any partial hour at the ends of the range:
    /// counts, tokens and cost exact, percentiles within 2%.
    case rollups
    /// The raw call rows: exact, and slower over many calls.
    case rawRows = "raw-rows"
}
