import Foundation

extension RecordBatch {
    /// Adds `json`, read as one record of `kind` in its JSON form (an interaction with its
    /// `calls` inline, which inherit its id, conversation and user as `Ledger.record(_:calls:)`
    /// has them do), all or nothing. Throws
    /// `LedgerError.Kind.invalidRecord` naming the field (`calls[1].input_tokens`).
    public mutating func add(json: JSONValue, as kind: RecordKind) throws {
        switch kind {
        case .calls: calls.append(try Call(json: json))
        case .conversations: conversations.append(try Conversation(json: json))
        case .interactions:
            let interaction = try Interaction(json: json)
            var inline: [Call] = []
            if case .object(let fields) = json, let value = fields["calls"] {
                guard case .array(let items) = value else { throw LedgerError.invalid("calls", "must be an array") }
                for (index, item) in items.enumerated() {
                    do {
                        inline.append(try Call(json: item).inheriting(from: interaction))
                    } catch let error as LedgerError {
                        throw LedgerError(error.kind, "calls[\(index)]." + error.message)
                    }
                }
            }
            interactions.append(interaction)
            calls += inline
        }
    }
}
