extension Call {
    /// Throws `LedgerError.Kind.invalidRecord` naming the first invalid field.
    public func validate() throws {
        try validate(readingDecimals: NanoDollars.readsStorage)
    }

    /// `validate()`, told whether a cost may be read from the decimal's storage
    /// (`NanoDollars.readsStorage`): the recording path keeps that beside the writer, and
    /// reads no global when a call arrives after an idle spell.
    @inline(__always)
    func validate(readingDecimals: Bool) throws {
        let check = RecordValidator(record: "call")
        try check.short(model, "model", required: true)
        try check.short(modelVersion, "modelVersion")
        try check.short(provider, "provider")
        try check.short(callType, "callType")
        try check.short(serviceTier, "serviceTier")
        try check.short(userID, "userID")
        try check.short(externalID, "externalID")
        try check.short(errorCode, "errorCode")
        try check.date(createdAt, "createdAt")
        try check.count(usage.input, "usage.input")
        try check.count(usage.output, "usage.output")
        try check.count(usage.cacheRead, "usage.cacheRead")
        try check.count(usage.cacheWrite, "usage.cacheWrite")
        try check.count(usage.reasoning, "usage.reasoning")
        try check.count(usage.cacheWrite1h, "usage.cacheWrite1h")
        try validateModalities()
        // A part without its total would price as a negative or free remainder.
        if usage.input == nil, usage.cacheRead != nil || usage.cacheWrite != nil {
            throw LedgerError.invalid("call.usage.input", "is required when cached tokens are given: input tokens include them")
        }
        if usage.output == nil, usage.reasoning != nil {
            throw LedgerError.invalid("call.usage.output", "is required when reasoning tokens are given: output tokens include them")
        }
        if let oneHour = usage.cacheWrite1h, oneHour > (usage.cacheWrite ?? 0) {
            throw LedgerError.invalid("call.usage.cacheWrite1h",
                "one-hour cache writes exceed cache writes; they are part of them")
        }
        let cached = (usage.cacheRead ?? 0).addingReportingOverflow(usage.cacheWrite ?? 0)
        if cached.overflow { throw LedgerError.invalid("call.usage", "cache token counts overflow") }
        if let input = usage.input, cached.partialValue > input {
            throw LedgerError.invalid("call.usage.cacheRead",
                "cache read plus cache write tokens exceed input tokens; input tokens include cached ones")
        }
        if let output = usage.output, let reasoning = usage.reasoning, reasoning > output {
            throw LedgerError.invalid("call.usage.reasoning",
                "reasoning tokens exceed output tokens; output tokens include reasoning ones")
        }
        if let input = usage.input, let output = usage.output, input.addingReportingOverflow(output).overflow {
            throw LedgerError.invalid("call.usage", "input plus output tokens overflow a 64-bit count")
        }
        // A cost of at least one nano-dollar is positive and storable: the usual case, decided
        // from the decimal's storage without Decimal arithmetic.
        if let costUSD, !NanoDollars.isPositive(costUSD, readingStorage: readingDecimals) {
            guard costUSD.sign == .plus || costUSD.isZero else { throw LedgerError.invalid("call.costUSD", "must not be negative") }
            guard NanoDollars.rounding(usd: costUSD) != nil else {
                throw LedgerError.invalid("call.costUSD", "is too large to store")
            }
        }
        try check.milliseconds(latencyMs, "latencyMs")
        try check.text(inputText, "inputText")
        try check.text(outputText, "outputText")
        try check.text(errorMessage, "errorMessage")
        try check.json(request, "request")
        try check.json(response, "response")
        if !metadata.isEmpty { try check.json(.object(metadata), "metadata") }
    }
}
