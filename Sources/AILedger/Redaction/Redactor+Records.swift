extension Redactor {
    /// `call` with its text, JSON and user id redacted.
    package func redacted(_ call: Call) -> Call { changed(call) ?? call }

    /// `interaction` with its text, JSON, SQL, feedback, user id and IP address redacted.
    package func redacted(_ interaction: Interaction) -> Interaction { changed(interaction) ?? interaction }

    /// `conversation` with its title, metadata and user id redacted.
    package func redacted(_ conversation: Conversation) -> Conversation { changed(conversation) ?? conversation }

    /// `record` redacted: the record itself when nothing in it is replaced.
    func redacted(_ record: PendingRecord) -> PendingRecord {
        switch record {
        case .call(let call): changed(call).map(PendingRecord.call) ?? record
        case .interaction(let interaction): changed(interaction).map(PendingRecord.interaction) ?? record
        case .conversation(let conversation): changed(conversation).map(PendingRecord.conversation) ?? record
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

    // A record is changed, copied and boxed anew, only when something in it is replaced:
    // most records hold no secret and pass on as they came.

    /// `call` redacted, or nil when nothing in it is replaced.
    private func changed(_ call: Call) -> Call? {
        var copy: Call?
        func edit(_ change: (inout Call) -> Void) {
            if copy == nil { copy = call }
            change(&copy!)
        }
        if let value = call.inputText.flatMap(redacted) { edit { $0.inputText = value } }
        if let value = call.outputText.flatMap(redacted) { edit { $0.outputText = value } }
        if let value = call.errorMessage.flatMap(redacted) { edit { $0.errorMessage = value } }
        if let value = call.request.flatMap(redacted) { edit { $0.request = value } }
        if let value = call.response.flatMap(redacted) { edit { $0.response = value } }
        if let value = redacted(call.metadata) { edit { $0.metadata = value } }
        if let value = call.userID.flatMap(redactedUserID) { edit { $0.userID = value } }
        return copy
    }

    /// `interaction` redacted, or nil when nothing in it is replaced.
    private func changed(_ interaction: Interaction) -> Interaction? {
        var copy: Interaction?
        func edit(_ change: (inout Interaction) -> Void) {
            if copy == nil { copy = interaction }
            change(&copy!)
        }
        if let value = interaction.inputText.flatMap(redacted) { edit { $0.inputText = value } }
        if let value = interaction.outputText.flatMap(redacted) { edit { $0.outputText = value } }
        if let value = interaction.errorMessage.flatMap(redacted) { edit { $0.errorMessage = value } }
        if let value = interaction.request.flatMap(redacted) { edit { $0.request = value } }
        if let value = interaction.response.flatMap(redacted) { edit { $0.response = value } }
        if let value = interaction.structuredOutput.flatMap(redacted) { edit { $0.structuredOutput = value } }
        if let value = interaction.inputVariables.flatMap(redacted) { edit { $0.inputVariables = value } }
        if let value = interaction.errorDetails.flatMap(redacted) { edit { $0.errorDetails = value } }
        if let value = redacted(interaction.metadata) { edit { $0.metadata = value } }
        if let value = interaction.feedback?.comment.flatMap(redacted) { edit { $0.feedback!.comment = value } }
        if let queries = interaction.sqlQueries {
            for (index, query) in queries.enumerated() {
                if let value = redacted(query.statement) { edit { $0.sqlQueries![index].statement = value } }
                if let value = query.errorMessage.flatMap(redacted) { edit { $0.sqlQueries![index].errorMessage = value } }
            }
        }
        if let value = interaction.userID.flatMap(redactedUserID) { edit { $0.userID = value } }
        if let address = interaction.ipAddress, let value = redactedIPAddress(address) { edit { $0.ipAddress = value } }
        return copy
    }

    /// `conversation` redacted, or nil when nothing in it is replaced.
    private func changed(_ conversation: Conversation) -> Conversation? {
        var copy: Conversation?
        func edit(_ change: (inout Conversation) -> Void) {
            if copy == nil { copy = conversation }
            change(&copy!)
        }
        if let value = conversation.title.flatMap(redacted) { edit { $0.title = value } }
        if let value = redacted(conversation.metadata) { edit { $0.metadata = value } }
        if let value = conversation.userID.flatMap(redactedUserID) { edit { $0.userID = value } }
        return copy
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
