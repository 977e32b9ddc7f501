extension Call {
    /// Throws `LedgerError.Kind.invalidRecord` unless the audio and image counts are parts
    /// of the totals that include them, as `TokenUsage` defines.
    @inline(__always)
    func validateModalities() throws {
        // Most calls carry none: nothing to check, and no code to touch, on the recording path.
        guard usage.inputAudio != nil || usage.inputImage != nil || usage.cacheReadAudio != nil || usage.cacheReadImage != nil
                || usage.outputAudio != nil || usage.outputImage != nil else { return }
        try checkModalities()
    }

    @inline(never)
    private func checkModalities() throws {
        let check = RecordValidator(record: "call")
        let parts: [(Int64?, String)] = [
            (usage.inputAudio, "usage.inputAudio"), (usage.inputImage, "usage.inputImage"),
            (usage.cacheReadAudio, "usage.cacheReadAudio"), (usage.cacheReadImage, "usage.cacheReadImage"),
            (usage.outputAudio, "usage.outputAudio"), (usage.outputImage, "usage.outputImage"),
        ]
        for (count, name) in parts { try check.count(count, name) }
        func within(_ part: Int64?, _ name: String, _ whole: Int64?, _ wholeName: String) throws {
            guard let part, part > (whole ?? 0) else { return }
            throw LedgerError.invalid("call.\(name)", "exceeds \(wholeName), which includes it")
        }
        try within(usage.cacheReadAudio, "usage.cacheReadAudio", usage.inputAudio, "audio input tokens")
        try within(usage.cacheReadImage, "usage.cacheReadImage", usage.inputImage, "image input tokens")
        // Counts are each below 2⁶³; sums are taken in 128 bits.
        let cachedMedia = Int128(usage.cacheReadAudio ?? 0) + Int128(usage.cacheReadImage ?? 0)
        if cachedMedia > Int128(usage.cacheRead ?? 0) {
            throw LedgerError.invalid(usage.cacheReadAudio != nil ? "call.usage.cacheReadAudio" : "call.usage.cacheReadImage",
                "cached audio and image tokens exceed cache read tokens, which include them")
        }
        let input = Int128(usage.cacheRead ?? 0) + Int128(usage.cacheWrite ?? 0) + Int128(usage.inputAudio ?? 0)
            + Int128(usage.inputImage ?? 0) - cachedMedia
        if usage.inputAudio != nil || usage.inputImage != nil, input > Int128(usage.input ?? 0) {
            throw LedgerError.invalid(usage.inputAudio != nil ? "call.usage.inputAudio" : "call.usage.inputImage",
                "audio and image tokens with the cached ones exceed input tokens; input tokens include them")
        }
        let output = Int128(usage.reasoning ?? 0) + Int128(usage.outputAudio ?? 0) + Int128(usage.outputImage ?? 0)
        if usage.outputAudio != nil || usage.outputImage != nil, output > Int128(usage.output ?? 0) {
            throw LedgerError.invalid(usage.outputAudio != nil ? "call.usage.outputAudio" : "call.usage.outputImage",
                "audio, image and reasoning tokens exceed output tokens; output tokens include them")
        }
    }
}
