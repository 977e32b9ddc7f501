extension RecordBatch {
    /// This batch with each call that names an interaction of the same batch given that
    /// interaction's conversation and user where it names none.
    func inheritingWithinBatch() -> RecordBatch {
        guard !interactions.isEmpty, calls.contains(where: { $0.interactionID != nil && ($0.conversationID == nil || $0.userID == nil) })
        else { return self }
        let byID = Dictionary(interactions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var batch = self
        for index in batch.calls.indices {
            if let id = batch.calls[index].interactionID, let interaction = byID[id] {
                batch.calls[index] = batch.calls[index].inheriting(from: interaction)
            }
        }
        return batch
    }
}
