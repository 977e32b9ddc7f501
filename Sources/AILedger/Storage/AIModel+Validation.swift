extension AIModel {
    /// Throws `LedgerError.Kind.invalidRecord` naming the first invalid field.
    public func validate() throws {
        let check = RecordValidator(record: "model")
        try check.short(name, "name", required: true)
        try check.short(version, "version")
        try check.short(provider, "provider")
        try check.date(createdAt, "createdAt")
        try check.json(.object(metadata), "metadata")
    }
}
