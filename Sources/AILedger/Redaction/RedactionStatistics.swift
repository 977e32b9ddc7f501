/// How many values each detector replaced since the ledger opened. The same counts are
/// reported through swift-metrics as `ailedger_redactions_total{detector=...}`.
public struct RedactionStatistics: Sendable, Hashable {
    /// Values replaced, by detector or custom rule name (`email`, `openai_key`, `order_id`).
    public var replaced: [String: Int64] = [:]

    /// All values replaced.
    public var total: Int64 { replaced.values.reduce(0, +) }
}
