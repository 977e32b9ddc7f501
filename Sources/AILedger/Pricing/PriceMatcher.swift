import Foundation

/// Matches calls against one price book, remembering what each model and provider named
/// (a batch of calls names few models): the name rules run once per model, not per call.
package struct PriceMatcher {
    private struct Name: Hashable {
        let model: String
        let provider: String?
    }

    /// The book the calls are matched against.
    let book: PriceBook
    private var found: [Name: PriceCandidates?] = [:]

    package init(_ book: PriceBook) { self.book = book }

    /// The price a call to `model` through `provider` at `date` is billed at, as `PriceBook.match` finds it.
    package mutating func match(model: String, provider: String?, at date: Date) -> PriceMatch? {
        let name = Name(model: model, provider: provider)
        if let candidates = found[name] { return candidates?.inForce(at: date) }
        let candidates = book.candidates(model: model, provider: provider)
        found[name] = candidates
        return candidates?.inForce(at: date)
    }
}
