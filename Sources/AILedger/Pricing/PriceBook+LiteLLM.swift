import Foundation

extension PriceBook {
    /// Reads LiteLLM's `model_prices_and_context_window.json` format, priced from
    /// `effectiveFrom` (see `LiteLLMPriceFile` for how keys and providers are mapped and
    /// what is left out). Throws `LedgerError.Kind.invalidPrice` naming the model and field
    /// at fault.
    public init(litellm text: String, effectiveFrom: Date, source: String? = nil) throws {
        self.init(try LiteLLMPriceFile(text, effectiveFrom: effectiveFrom, source: source).prices)
    }
}
