import Foundation

/// What `Ledger.applyRetention` removes: records older than a cutoff, archived first or
/// not, in transactions of at most `batchSize` rows.
///
/// ```swift
/// let report = try await ledger.applyRetention(RetentionPolicy(days: 90, archive: .table))
/// ```
public struct RetentionPolicy: Sendable {
    /// How many days of records stay: older ones go. The cutoff is rounded down to
    /// midnight UTC, so whole days go and the rollups of the days left stay whole.
    public var days: Int
    /// Which records go.
    public var kind: RetentionKind
    /// Where rows go before they are deleted.
    public var archive: RetentionArchive
    /// Whether the rollups of the removed days go too. By default they stay, so dashboards
    /// still count what was removed (see "Retention" in docs/PRIVACY.md).
    public var includeRollups: Bool
    /// Rows per transaction at most (1 to 5,000): no long locks.
    public var batchSize: Int

    /// Records of `kind` older than `days` days.
    public init(days: Int, kind: RetentionKind = .all, archive: RetentionArchive = .none,
                includeRollups: Bool = false, batchSize: Int = 5_000) {
        self.days = days
        self.kind = kind
        self.archive = archive
        self.includeRollups = includeRollups
        self.batchSize = batchSize
    }

    /// The cutoff for a run at `now`: midnight UTC at or before `days` days before `now`.
    public func cutoff(at now: Date = Date()) -> Date {
        let seconds = now.timeIntervalSince1970 - Double(days) * 86_400
        return Date(timeIntervalSince1970: (seconds / 86_400).rounded(.down) * 86_400)
    }

    /// Throws `LedgerError.Kind.invalidConfiguration` for a policy that cannot run.
    public func validate() throws {
        guard (1...1_000_000).contains(days) else {
            throw LedgerError(.invalidConfiguration, "retention keeps at least one day: days must be from 1 to 1,000,000")
        }
        guard (1...5_000).contains(batchSize) else {
            throw LedgerError(.invalidConfiguration, "retention batchSize must be from 1 to 5,000")
        }
    }
}
