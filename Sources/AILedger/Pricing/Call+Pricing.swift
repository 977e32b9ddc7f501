extension Call {
    /// This call with its cost filled in from `book` when none was given: `computed` when a
    /// price matches (at the call's service tier), `unpriced` (cost unknown, never zero) when
    /// none does or its tier has no rates. A call that carries a cost keeps it.
    public func priced(with book: PriceBook) -> Call {
        var matcher = PriceMatcher(book)
        return priced(with: &matcher)
    }

    /// This call priced as `priced(with:)` does, through `matcher` (many calls, one book).
    func priced(with matcher: inout PriceMatcher) -> Call {
        guard costUSD == nil else { return self }
        var call = self
        if let price = matcher.match(model: model, provider: provider, at: createdAt)?.price,
           let cost = price.cost(of: usage, serviceTier: serviceTier) {
            call.costUSD = cost
            call.costSource = .computed
        } else {
            call.costUSD = nil
            call.costSource = .unpriced
        }
        return call
    }

    /// This call priced afresh from `book`, unless its cost was provided by the caller.
    func repriced(with matcher: inout PriceMatcher) -> Call {
        guard costSource != .provided else { return self }
        var call = self
        call.costUSD = nil
        return call.priced(with: &matcher)
    }
}
