import Foundation

extension RecordBatch {
    /// Adds `json`, read as one record of `kind` in its JSON form (an interaction with its
    /// `calls` inline, which default to its id and conversation), all or nothing. Throws
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
                        var call = try Call(json: item)
                        call.interactionID = call.interactionID ?? interaction.id
                        call.conversationID = call.conversationID ?? interaction.conversationID
                        inline.append(call)
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
