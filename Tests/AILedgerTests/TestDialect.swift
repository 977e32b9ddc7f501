@testable import AILedger

/// A dialect that states only what has no default, to test the defaults.
struct TestDialect: SQLDialect {
    var name: String { "test" }
    func placeholder(_ index: Int) -> String { "$\(index)" }
    var timestampType: String { "TIMESTAMP" }
    func timeBucket(_ bucket: TimeBucket, of column: String) -> String { "bucket(\(column))" }
}
