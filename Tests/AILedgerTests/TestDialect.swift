@testable import AILedger

/// A dialect that states only what has no default, to test the defaults.
struct TestDialect: SQLDialect {
    var name: String { "test" }
    func placeholder(_ index: Int) -> String { "$\(index)" }
    var timestampType: String { "TIMESTAMP" }
    func timeBucketKey(_ bucket: TimeBucket, of time: String) -> String { "bucket(\(time))" }
    func timeBucketLabel(_ bucket: TimeBucket, key: String) -> String { "label(\(key))" }
    func contains(_ text: String, _ fragment: String) -> String { "contains(\(text), \(fragment))" }
    func jsonArrayElements(of array: String, alias: String) -> (from: String, element: String) {
        ("elements(\(array)) \(alias)", "\(alias).e")
    }
}
