/// The formats a price file can be in.
public enum PriceFileFormat: String, Sendable, CaseIterable {
    /// AILedger's own: `{"prices": [{"model": …, "input": "2.50", …}]}`.
    case ailedger
    /// LiteLLM's `model_prices_and_context_window.json`: an object of models with
    /// `*_cost_per_token` fields.
    case litellm

    /// The format of `text`, told from its content; throws `LedgerError.Kind.invalidPrice`
    /// naming both formats when it cannot be told.
    public init(detecting text: String) throws {
        let document = try? JSONValue(jsonText: text)
        switch document {
        case .array?: self = .ailedger
        case .object(let members)? where members["prices"] != nil: self = .ailedger
        case .object(let members)? where members.values.contains(where: Self.looksLikeLiteLLM): self = .litellm
        default:
            throw LedgerError(.invalidPrice, document == nil
                ? "the price file is not valid JSON"
                : "cannot tell the price file's format: an AILedger file holds a \"prices\" array, a LiteLLM file "
                    + "is an object of models with *_cost_per_token fields; name one with --format ailedger or --format litellm")
        }
    }

    /// Whether an entry has a field only LiteLLM's entries have.
    private static func looksLikeLiteLLM(_ entry: JSONValue) -> Bool {
        guard case .object(let fields) = entry else { return false }
        return fields.keys.contains { $0 == "litellm_provider" || $0.hasSuffix("_cost_per_token") || $0 == "alias_of" }
    }
}
