import AILedger
import Foundation

/// The columns the list commands print for each kind of record.
enum RecordCells {
    static func time(_ date: Date) -> String {
        String(Timestamp.iso8601(microseconds: Timestamp.microseconds(date)).prefix(19)).replacingOccurrences(of: "T", with: " ")
    }

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

    static let callHeaders = ["time (UTC)", "id", "model", "status", "user", "input", "output", "cost", "latency ms", "error"]

    static func call(_ c: Call, _ format: OutputFormat) -> [String] {
        [time(c.createdAt), c.id.ledgerString, c.model, c.status.rawValue, c.userID ?? "", number(c.usage.input, format),
         number(c.usage.output, format), cost(c.costUSD, format), c.latencyMs.map { String(format: "%.1f", $0) } ?? "",
         format == .table ? short([c.errorCode, c.errorMessage].compactMap { $0 }.joined(separator: ": ")) :
            [c.errorCode, c.errorMessage].compactMap { $0 }.joined(separator: ": ")]
    }

    static let interactionHeaders = ["time (UTC)", "id", "type", "status", "user", "prompt", "version", "feedback", "quality",
                                     "missing", "latency ms"]

    static func interaction(_ i: Interaction, _ format: OutputFormat) -> [String] {
        [time(i.createdAt), i.id.ledgerString, i.interactionType ?? "", i.status.rawValue, i.userID ?? "", i.promptID ?? "",
         i.promptVersion ?? "", i.feedback?.rating.rawValue ?? "", number(i.feedback?.qualityScore, format),
         (i.missingVariables ?? []).joined(separator: " "), i.latencyMs.map { String(format: "%.1f", $0) } ?? ""]
    }

    static let conversationHeaders = ["time (UTC)", "id", "user", "contact", "persona", "channel", "title"]

    static func conversation(_ v: Conversation, _ format: OutputFormat) -> [String] {
        [time(v.createdAt), v.id.ledgerString, v.userID ?? "", v.contactID ?? "", v.personaID ?? "", v.channel ?? "",
         format == .table ? short(v.title) : v.title ?? ""]
    }
}
