extension Feedback {
    /// Throws `LedgerError.Kind.invalidRecord` naming the first invalid field.
    public func validate() throws {
        let check = RecordValidator(record: "feedback")
        if let qualityScore, !(0...100).contains(qualityScore) {
            throw LedgerError.invalid("feedback.qualityScore", "must be between 0 and 100")
        }
        try check.count(editDistance.map(Int64.init), "editDistance")
        try check.text(comment, "comment")
        try check.date(at, "at")
    }
}
