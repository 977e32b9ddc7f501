@testable import AILedger
import Foundation
import Testing

/// Text built to make a scanner re-read what it has read (long runs before many `@`, long
/// runs of hex groups and dots) is scanned in one pass: a client cannot stall `record`
/// with a big prompt.
@Suite struct RedactionWorstCaseTests {
    static let size = 200_000

    static let texts = [
        String(repeating: "a", count: size) + String(repeating: "@", count: size / 10),
        String(repeating: "b.", count: size / 2),
        String(repeating: "a:", count: size / 2),
        "x@" + String(repeating: "b.", count: size / 2) + "@",
        String(repeating: "1.", count: size / 2),
        String(repeating: "1 ", count: size / 2),
        String(repeating: "+1 ", count: size / 3),
        String(repeating: "eyJaaaaaaaaaaa.", count: size / 15),
        String(repeating: "Bearer ", count: size / 7),
        String(repeating: "-----BEGIN ", count: size / 11),
    ]

    @Test(arguments: 0..<texts.count)
    func pathologicalTextIsScannedInLinearTime(_ index: Int) throws {
        let text = Self.texts[index]
        let redactor = try Redactor(policy: .all)
        let started = ContinuousClock.now
        _ = redactor.redacted(text)
        // A quadratic scan of 200 KB takes minutes; one pass takes milliseconds (the bound
        // leaves room for a debug build sharing a busy machine with the other tests).
        #expect(ContinuousClock.now - started < .seconds(30), "\(text.prefix(20))…")
    }
}
