extension PriceBook {
    /// The price book shipped with AILedger (`Prices/prices.json`): published list prices
    /// of OpenAI, Anthropic, Google, Mistral and DeepSeek models, each dated and sourced.
    public static let bundled: PriceBook = {
        do {
            return try PriceBook(json: BundledPriceBook.json)
        } catch {
            // The file is checked by the test suite; a broken copy must not stop recording.
            return PriceBook()
        }
    }()
}
