import AILedger

/// The conformance suite: the cases every AILedger driver must pass against a live
/// database. A driver's test target runs each case by name.
///
/// ```swift
/// let suite = ConformanceSuite(drivers: [SQLiteDriver()]) { "sqlite://\(tempFile())" }
/// @Test(arguments: ConformanceSuite.caseNames) func conformance(_ name: String) async throws {
///     try await suite.run(name)
/// }
/// ```
public struct ConformanceSuite: Sendable {
    /// One named case.
    public struct Case: Sendable {
        /// The case's name.
        public let name: String
        let body: @Sendable (ConformanceContext) async throws -> Void
    }

    /// The drivers the URL may need.
    public let drivers: [any DatabaseDriver]
    /// Makes the URL of the database a case runs against; may return the same URL each time.
    public let makeURL: @Sendable () async throws -> String

    /// Whether opening the URL again reaches the same database (false for SQLite's :memory:).
    public let reopenSharesDatabase: Bool

    /// Run on each freshly migrated ledger before a case: a second form of the schema,
    /// such as partitioned calls.
    public let prepare: (@Sendable (Ledger) async throws -> Void)?

    /// Creates a suite that opens the database at `makeURL()` with `drivers`, and runs
    /// `prepare` on every freshly migrated ledger.
    public init(drivers: [any DatabaseDriver], reopenSharesDatabase: Bool = true,
                prepare: (@Sendable (Ledger) async throws -> Void)? = nil,
                makeURL: @escaping @Sendable () async throws -> String) {
        self.drivers = drivers
        self.reopenSharesDatabase = reopenSharesDatabase
        self.prepare = prepare
        self.makeURL = makeURL
    }

    /// Every case's name.
    public static var caseNames: [String] { cases.map(\.name) }
    /// The names of the cases that store records every way the writer and `record` do
    /// (batches, replays, duplicates, limits): for a driver's second way of inserting.
    public static var insertingCaseNames: [String] { (RecordingCases.all + WriterCases.all + LimitCases.all).map(\.name) }

    /// Runs the case called `name` against a freshly migrated, empty ledger.
    public func run(_ name: String) async throws {
        guard let testCase = Self.cases.first(where: { $0.name == name }) else {
            throw ConformanceFailure(message: "no conformance case is called \(name)", location: #fileID)
        }
        let context = try await ConformanceContext.make(suite: self)
        do {
            try await testCase.body(context)
            await context.close()
        } catch {
            await context.close()
            throw error
        }
    }

    /// All cases, in a stable order.
    static let cases: [Case] = RecordingCases.all + MigrationCases.all + ErrorCases.all + ConcurrencyCases.all
        + PricingCases.all + AnalyticsCases.all + QueryCases.all + ReportCases.all + MoneyCases.all
        + WriterCases.all + WriterFaultCases.all + LimitCases.all + SQLQueryCases.all + RollupCases.all + RetentionCases.all
}
