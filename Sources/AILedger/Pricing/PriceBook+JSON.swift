import Foundation

extension PriceBook {
    /// Reads AILedger's price-file format:
    ///
    /// ```json
    /// {"prices": [{"model": "gpt-4o", "provider": "openai", "effective_from": "2024-10-01",
    ///              "input": "2.50", "output": "10.00", "cache_read": "1.25",
    ///              "source": "https://openai.com/api/pricing",
    ///              "tiers": [{"above_input_tokens": 200000, "input": "5", "output": "15"}],
    ///              "service_tiers": {"batch": {"input": "1.25", "output": "5"}}}]}
    /// ```
    ///
    /// Rates are US dollars per million tokens, as decimal strings (numbers are accepted and
    /// read by their shortest decimal form). Throws `LedgerError.Kind.invalidPrice` naming
    /// the entry and field at fault.
    public init(json text: String) throws {
        let document: JSONValue
        do {
            document = try JSONValue(jsonText: text)
        } catch {
            throw LedgerError(.invalidPrice, "the price file is not valid JSON")
        }
        let entries: [JSONValue]
        switch document {
        case .array(let list): entries = list
        case .object(let object):
            guard case .array(let list)? = object["prices"] else {
                throw LedgerError(.invalidPrice, "the price file must hold a \"prices\" array")
            }
            entries = list
        default: throw LedgerError(.invalidPrice, "the price file must hold a \"prices\" array")
        }
        self.init(try entries.enumerated().map { index, entry in try Price(json: entry, path: "prices[\(index)]") })
    }

    /// The book in AILedger's price-file format.
    public var jsonText: String {
        JSONValue.object(["prices": .array(prices.map(\.json))]).jsonText
    }
}
