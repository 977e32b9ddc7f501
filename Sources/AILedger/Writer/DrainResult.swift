/// What `Ledger.flush(timeout:)` or `Ledger.close(timeout:)` left behind when it returned.
public struct DrainResult: Sendable, Hashable {
    /// Records recorded before the call that were neither written, spilled to the outbox
    /// nor rejected when it returned. After `close`, these are lost, and counted in
    /// `WriterStatistics.abandoned`.
    public var unwritten: Int64

    /// Whether everything recorded before the call was written, spilled or rejected.
    public var isComplete: Bool { unwritten == 0 }

    /// A result with `unwritten` records left.
    public init(unwritten: Int64) { self.unwritten = unwritten }
}
