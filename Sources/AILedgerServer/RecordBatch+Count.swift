import AILedger

extension RecordBatch {
    /// The number of records it holds.
    var records: Int { conversations.count + interactions.count + calls.count }
}
