import AILedger
import Foundation
import Hummingbird

extension LedgerServer {
    /// The price book calls are billed at, in the price-file format.
    func prices() -> Response {
        Response.json(["prices": .array(ledger.priceBook.prices.map(\.json))])
    }

    /// The price a call to `model` is billed at (`provider` and `at` narrow it), and the
    /// rule that found it; 404 when the model has none.
    func price(_ request: Request, model: String) throws -> Response {
        var provider: String?, at = Date()
        for (name, value) in request.uri.queryParameters {
            switch name {
            case "provider":
                guard !value.utf8.contains(0) else { throw APIError.badRequest("provider: must not contain a NUL character") }
                provider = String(value)
            case "at":
                do {
                    at = try LedgerFilter.time(String(value), field: "at", now: Date())
                } catch let error as LedgerError {
                    throw APIError.badRequest(error.message)
                }
            default: throw APIError.badRequest("\(String(name.unicodeScalars.prefix(64))): is not a known query parameter")
            }
        }
        guard !model.isEmpty, model.utf8.count <= 1_024 else { throw APIError.badRequest("model: must be a model name") }
        guard let match = ledger.priceBook.match(model: model, provider: provider, at: at) else {
            throw APIError(.notFound, "not_found", "no price is in force for this model at this time")
        }
        return Response.json(["model": .string(model), "rule": .string(match.rule.rawValue), "price": match.price.json])
    }

    /// Stores the prices of a price file (`{"prices": [...]}`) for every process using the
    /// database; calls recorded from now on are billed at them.
    func storePrices(_ request: Request) async throws -> Response {
        let body = try await json(in: request)
        let book: PriceBook
        do {
            book = try PriceBook(json: body.jsonText)
            try await ledger.storePrices(book.prices)
        } catch let error as LedgerError {
            throw APIError(error)
        }
        return Response.json(["stored": .int(Int64(book.prices.count))])
    }
}
