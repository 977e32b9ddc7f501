/// Reads token counts out of a provider payload, naming the field in every error.
struct UsageFields {
    let root: JSONValue
    let label: String

    func value(_ path: [String]) -> JSONValue? {
        var current = root
        for key in path {
            guard case .object(let fields) = current, let next = fields[key] else { return nil }
            current = next
        }
        return current == .null ? nil : current
    }

    func string(_ path: [String]) -> String? {
        if case .string(let text)? = value(path) { return text }
        return nil
    }

    /// A non-negative count that fits in 64 bits, or nil when absent.
    func count(_ path: [String]) throws -> Int64? {
        guard let value = value(path) else { return nil }
        let name = label + path.joined(separator: ".")
        switch value {
        case .int(let number):
            guard number >= 0 else { throw LedgerError(.invalidPrice, "\(name): must not be negative") }
            return number
        case .double(let number):
            guard number.rounded() == number, number >= 0, number < 9.2e18 else {
                throw LedgerError(.invalidPrice, "\(name): must be a whole, non-negative count that fits in 64 bits")
            }
            return Int64(number)
        default:
            throw LedgerError(.invalidPrice, "\(name): must be a number of tokens")
        }
    }

    /// Fails unless `part` ≤ `whole` (a cached or reasoning count inside its total), and
    /// when a part comes without its total.
    func require(_ part: Int64?, _ partPath: [String], within whole: Int64?, _ wholePath: [String]) throws {
        guard let part else { return }
        guard let whole else {
            throw LedgerError(.invalidPrice,
                "\(label)\(partPath.joined(separator: ".")) is given without \(label)\(wholePath.joined(separator: ".")), which includes it")
        }
        guard part > whole else { return }
        throw LedgerError(.invalidPrice,
            "\(label)\(partPath.joined(separator: ".")) exceeds \(label)\(wholePath.joined(separator: ".")), which includes it")
    }

    /// `a + b`, failing on overflow.
    func sum(_ values: Int64?...) throws -> Int64? {
        var total: Int64?
        for value in values {
            guard let value else { continue }
            let (result, overflow) = (total ?? 0).addingReportingOverflow(value)
            if overflow { throw LedgerError(.invalidPrice, "\(label)usage: token counts overflow a 64-bit total") }
            total = result
        }
        return total
    }

    /// The sum of `tokenCount` over the entries of the array at `path` whose `modality` is
    /// `name` (Gemini's `promptTokensDetails`), or nil when none is.
    func modalityCount(_ path: [String], _ name: String) throws -> Int64? {
        guard let list = value(path) else { return nil }
        guard case .array(let entries) = list else {
            throw LedgerError(.invalidPrice, "\(label)\(path.joined(separator: ".")): must be an array of modality counts")
        }
        var total: Int64?
        for (index, entry) in entries.enumerated() {
            guard case .object(let fields) = entry, case .string(let modality)? = fields["modality"], modality == name else { continue }
            let count = try UsageFields(root: entry, label: "\(label)\(path.joined(separator: "."))[\(index)].").count(["tokenCount"])
            total = try sum(total, count ?? 0)
        }
        return total
    }
}
