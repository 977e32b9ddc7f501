extension Interaction {
    /// Throws `LedgerError.Kind.invalidRecord` naming the first invalid field.
    public func validate() throws {
        let check = RecordValidator(record: "interaction")
        for (value, field) in [(externalID, "externalID"), (interactionType, "interactionType"), (sessionID, "sessionID"),
                               (userID, "userID"), (contactID, "contactID"), (deviceID, "deviceID"),
                               (personaID, "personaID"), (ipAddress, "ipAddress"), (promptID, "promptID"),
                               (promptVersion, "promptVersion"), (promptHash, "promptHash"), (errorCode, "errorCode")] {
            try check.short(value, field)
        }
        try check.date(createdAt, "createdAt")
        try check.milliseconds(latencyMs, "latencyMs")
        try check.text(inputText, "inputText")
        try check.text(outputText, "outputText")
        try check.text(errorMessage, "errorMessage")
        try check.json(request, "request")
        try check.json(response, "response")
        try check.json(structuredOutput, "structuredOutput")
        try check.json(inputVariables, "inputVariables")
        try check.json(missingVariables.map { .array($0.map(JSONValue.string)) }, "missingVariables")
        // Each name is a key of the hourly variable rollups.
        for (index, name) in (missingVariables ?? []).enumerated() { try check.short(name, "missingVariables[\(index)]") }
        try check.json(errorDetails, "errorDetails")
        try check.json(.object(metadata), "metadata")
        if let sqlQueries {
            if sqlQueries.count > SQLQuery.maxPerInteraction {
                throw LedgerError.invalid("interaction.sqlQueries", "holds more than \(SQLQuery.maxPerInteraction) statements")
            }
            for (index, query) in sqlQueries.enumerated() { try query.validate(check, "sqlQueries[\(index)]") }
        }
        if let feedback { try feedback.validate() }
    }
}
