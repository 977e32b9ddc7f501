extension Redactor {
    /// `call` with its text, JSON and user id redacted.
    package func redacted(_ call: Call) -> Call {
        var call = call
        redact(&call.inputText)
        redact(&call.outputText)
        redact(&call.errorMessage)
        redact(&call.request)
        redact(&call.response)
        redact(&call.metadata)
        redactUser(&call.userID)
        return call
    }

    /// `interaction` with its text, JSON, SQL, feedback, user id and IP address redacted.
    package func redacted(_ interaction: Interaction) -> Interaction {
        var interaction = interaction
        redact(&interaction.inputText)
        redact(&interaction.outputText)
        redact(&interaction.errorMessage)
        redact(&interaction.request)
        redact(&interaction.response)
        redact(&interaction.structuredOutput)
        redact(&interaction.inputVariables)
        redact(&interaction.errorDetails)
        redact(&interaction.metadata)
        if interaction.feedback != nil { redact(&interaction.feedback!.comment) }
        if let queries = interaction.sqlQueries {
            interaction.sqlQueries = queries.map { query in
                var query = query
                if let statement = redacted(query.statement) { query.statement = statement }
                redact(&query.errorMessage)
                return query
            }
        }
        redactUser(&interaction.userID)
        if let address = interaction.ipAddress, let replaced = redactedIPAddress(address) { interaction.ipAddress = replaced }
        return interaction
    }

    /// `conversation` with its title, metadata and user id redacted.
    package func redacted(_ conversation: Conversation) -> Conversation {
        var conversation = conversation
        redact(&conversation.title)
        redact(&conversation.metadata)
        redactUser(&conversation.userID)
        return conversation
    }

    /// `record` redacted.
    func redacted(_ record: PendingRecord) -> PendingRecord {
        switch record {
        case .call(let call): .call(redacted(call))
        case .interaction(let interaction): .interaction(redacted(interaction))
        case .conversation(let conversation): .conversation(redacted(conversation))
        }
    }

    /// Every record of `batch` redacted.
    package func redacted(_ batch: RecordBatch) -> RecordBatch {
        var batch = batch
        batch.conversations = batch.conversations.map(redacted)
        batch.interactions = batch.interactions.map(redacted)
        batch.calls = batch.calls.map(redacted)
        return batch
    }

    func redact(_ text: inout String?) {
        if let value = text, let replaced = redacted(value) { text = replaced }
    }

    private func redactUser(_ id: inout String?) {
        if let value = id, let replaced = redactedUserID(value) { id = replaced }
    }

    private func redact(_ value: inout JSONValue?) {
        if let json = value, let replaced = redacted(json) { value = replaced }
    }

    private func redact(_ object: inout [String: JSONValue]) {
        if let replaced = redacted(object) { object = replaced }
    }

    /// `value` with every string leaf redacted; nil when nothing changed.
    func redacted(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .string(let text): return redacted(text).map(JSONValue.string)
        case .array(let items):
            var changed: [JSONValue]?
            for (index, item) in items.enumerated() {
                if let replaced = redacted(item) {
                    if changed == nil { changed = items }
                    changed![index] = replaced
                }
            }
            return changed.map(JSONValue.array)
        case .object(let members): return redacted(members).map(JSONValue.object)
        default: return nil
        }
    }

    private func redacted(_ members: [String: JSONValue]) -> [String: JSONValue]? {
        var changed: [String: JSONValue]?
        for (key, member) in members {
            if let replaced = redacted(member) {
                if changed == nil { changed = members }
                changed![key] = replaced
            }
        }
        return changed
    }
}
