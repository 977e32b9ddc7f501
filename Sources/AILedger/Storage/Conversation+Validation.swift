extension Conversation {
    /// Throws `LedgerError.Kind.invalidRecord` naming the first invalid field.
    public func validate() throws {
        let check = RecordValidator(record: "conversation")
        for (value, field) in [(externalID, "externalID"), (userID, "userID"), (contactID, "contactID"),
                               (deviceID, "deviceID"), (personaID, "personaID"), (channel, "channel")] {
            try check.short(value, field)
        }
        try check.text(title, "title")
        try check.date(createdAt, "createdAt")
        try check.json(.object(metadata), "metadata")
    }
}
