import Foundation

extension PriceRates {
    static let fieldNames = ["input", "output", "cache_read", "cache_write", "cache_write_1h", "reasoning",
                             "input_audio", "input_image", "cache_read_audio", "cache_read_image", "output_audio", "output_image"]

    init(json fields: [String: JSONValue], path: String) throws {
        func rate(_ name: String) throws -> Decimal? {
            guard let value = fields[name], value != .null else { return nil }
            let parsed: Decimal?
            switch value {
            case .string(let text): parsed = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
                .flatMap { text.allSatisfy({ "0123456789.eE+-".contains($0) }) ? $0 : nil }
            case .int(let number): parsed = Decimal(number)
            case .double(let number): parsed = number.isFinite ? Decimal(string: "\(number)") : nil
            default: parsed = nil
            }
            guard let parsed, parsed >= 0 else {
                throw LedgerError(.invalidPrice, "\(path).\(name): must be a non-negative decimal number of dollars per million tokens")
            }
            return parsed
        }
        guard let input = try rate("input") else { throw LedgerError(.invalidPrice, "\(path).input: is required") }
        guard let output = try rate("output") else { throw LedgerError(.invalidPrice, "\(path).output: is required") }
        self.init(input: input, output: output, cacheRead: try rate("cache_read"), cacheWrite: try rate("cache_write"),
                  cacheWrite1h: try rate("cache_write_1h"), reasoning: try rate("reasoning"),
                  inputAudio: try rate("input_audio"), inputImage: try rate("input_image"),
                  cacheReadAudio: try rate("cache_read_audio"), cacheReadImage: try rate("cache_read_image"),
                  outputAudio: try rate("output_audio"), outputImage: try rate("output_image"))
    }

    var json: [String: JSONValue] {
        var fields: [String: JSONValue] = ["input": .string("\(input)"), "output": .string("\(output)")]
        for (name, value) in [("cache_read", cacheRead), ("cache_write", cacheWrite), ("cache_write_1h", cacheWrite1h),
                              ("reasoning", reasoning), ("input_audio", inputAudio), ("input_image", inputImage),
                              ("cache_read_audio", cacheReadAudio), ("cache_read_image", cacheReadImage),
                              ("output_audio", outputAudio), ("output_image", outputImage)] {
            if let value { fields[name] = .string("\(value)") }
        }
        return fields
    }
}
