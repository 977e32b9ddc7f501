import AILedger
import Foundation

/// The columns the list commands print for each kind of record: by default those that fit
/// an 80-column terminal, with `--wide` (and in CSV) all of them.
enum RecordCells {
    static func time(_ date: Date) -> String {
        String(Timestamp.iso8601(microseconds: Timestamp.microseconds(date)).prefix(19)).replacingOccurrences(of: "T", with: " ")
    }

    /// A time to the minute, as narrow tables show it.
    static func minute(_ date: Date) -> String { String(time(date).prefix(16)) }

    static func short(_ text: String?, _ length: Int = 48) -> String {
        let flat = (text ?? "").replacingOccurrences(of: "\n", with: " ")
        return flat.count > length ? String(flat.prefix(length - 1)) + "…" : flat
    }

    static func number<T: BinaryInteger>(_ value: T?, _ format: OutputFormat) -> String {
        guard let value else { return "" }
        return format == .table ? value.grouped : String(value)
    }

    static func cost(_ value: Decimal?, _ format: OutputFormat) -> String {
        guard let value else { return "" }
        return format == .table ? value.dollars : "\(value)"
    }

    static func callHeaders(wide: Bool) -> [String] {
        wide ? ["time (UTC)", "id", "model", "status", "user", "input", "output", "cost", "latency ms", "error"]
            : ["time (UTC)", "model", "status", "in", "out", "cost", "ms"]
    }

    static func call(_ c: Call, _ format: OutputFormat, wide: Bool) -> [String] {
        let error = [c.errorCode, c.errorMessage].compactMap { $0 }.joined(separator: ": ")
        guard wide else {
            return [minute(c.createdAt), short(c.model, 18), c.status.rawValue, number(c.usage.input, format),
                    number(c.usage.output, format), cost(c.costUSD, format), c.latencyMs.map { String(format: "%.0f", $0) } ?? ""]
        }
        return [time(c.createdAt), c.id.ledgerString, c.model, c.status.rawValue, c.userID ?? "", number(c.usage.input, format),
                number(c.usage.output, format), cost(c.costUSD, format), c.latencyMs.map { String(format: "%.1f", $0) } ?? "",
                format == .table ? short(error) : error]
    }

    static func interactionHeaders(wide: Bool) -> [String] {
        wide ? ["time (UTC)", "id", "type", "status", "user", "prompt", "version", "feedback", "quality", "missing", "latency ms"]
            : ["time (UTC)", "id", "type", "status"]
    }

    static func interaction(_ i: Interaction, _ format: OutputFormat, wide: Bool) -> [String] {
        guard wide else { return [minute(i.createdAt), i.id.ledgerString, short(i.interactionType, 12), i.status.rawValue] }
        return [time(i.createdAt), i.id.ledgerString, i.interactionType ?? "", i.status.rawValue, i.userID ?? "", i.promptID ?? "",
                i.promptVersion ?? "", i.feedback?.rating.rawValue ?? "", number(i.feedback?.qualityScore, format),
                (i.missingVariables ?? []).joined(separator: " "), i.latencyMs.map { String(format: "%.1f", $0) } ?? ""]
    }

    static func conversationHeaders(wide: Bool) -> [String] {
        wide ? ["time (UTC)", "id", "user", "contact", "persona", "channel", "title"] : ["time (UTC)", "id", "title"]
    }

    static func conversation(_ v: Conversation, _ format: OutputFormat, wide: Bool) -> [String] {
        guard wide else { return [minute(v.createdAt), v.id.ledgerString, short(v.title, 24)] }
        return [time(v.createdAt), v.id.ledgerString, v.userID ?? "", v.contactID ?? "", v.personaID ?? "", v.channel ?? "",
                format == .table ? short(v.title) : v.title ?? ""]
    }
}
