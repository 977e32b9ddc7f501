/// The three kinds of record the ledger lists and exports.
public enum RecordKind: String, Sendable, CaseIterable {
    case calls, interactions, conversations
}
