import Foundation

/// How far `Ledger.rebuildRollups` has come, reported as it goes and when it ends.
public struct RollupRebuild: Sendable, Hashable {
    /// The start of the first UTC day rebuilt.
    public var from: Date
    /// The end of the last day to rebuild: the end of the day of the latest call stored
    /// when the rebuild began.
    public var until: Date
    /// Everything before this has been rebuilt.
    public var through: Date
    /// Calls counted so far.
    public var calls: Int64 = 0
    /// Whether the rollups now count every stored call.
    public var complete = false

    /// The share done, from 0 to 1.
    public var fraction: Double {
        let total = until.timeIntervalSince(from)
        return total <= 0 ? 1 : min(1, max(0, through.timeIntervalSince(from) / total))
    }
}
