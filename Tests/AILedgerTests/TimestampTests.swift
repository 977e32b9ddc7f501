@testable import AILedger
import Foundation
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000000Z"),
        (Int64(1_741_064_767_123_456), "2025-03-04T05:06:07.123456Z"),
        (Int64(-1), "1969-12-31T23:59:59.999999Z"),
        (Timestamp.minMicroseconds, "0001-01-01T00:00:00.000000Z"),
        (Timestamp.maxMicroseconds, "9999-12-31T23:59:59.999999Z"),
        (Int64(951_782_400_000_000), "2000-02-29T00:00:00.000000Z"),
    ])
    func formatsAndParsesFixedWidthUTC(_ micros: Int64, _ text: String) {
        #expect(Timestamp.iso8601(microseconds: micros) == text)
        #expect(Timestamp.sqlDateTime(microseconds: micros) == text.dropLast().replacingOccurrences(of: "T", with: " "))
        #expect(Timestamp.parse(text) == micros)
    }

    @Test func parsesWhatServersReturn() {
        #expect(Timestamp.parse("2025-03-04 05:06:07") == 1_741_064_767_000_000)
        #expect(Timestamp.parse("2025-03-04 05:06:07.5+00") == 1_741_064_767_500_000)
        #expect(Timestamp.parse("2025-03-04T05:06:07.123Z") == 1_741_064_767_123_000)
        #expect(Timestamp.parse("2025-13-04T05:06:07Z") == nil)
        #expect(Timestamp.parse("2025-03-04T05:06:07+02:00") == nil)
        #expect(Timestamp.parse("yesterday") == nil)
    }

    @Test func textOrderIsTimeOrder() {
        let values: [Int64] = [Timestamp.minMicroseconds, -1, 0, 1, 999_999, 1_000_000, Timestamp.maxMicroseconds]
        let texts = values.map(Timestamp.iso8601(microseconds:))
        #expect(texts == texts.sorted())
    }

    @Test func uuidV7IsTimeOrderedAndVersioned() {
        let early = UUID.v7(at: Date(timeIntervalSince1970: 1_700_000_000))
        let late = UUID.v7(at: Date(timeIntervalSince1970: 1_700_000_001))
        #expect(early.ledgerString < late.ledgerString)
        #expect(Array(early.ledgerString)[14] == "7")
        #expect(["8", "9", "a", "b"].contains(Array(early.ledgerString)[19]))
    }

    @Test func uuidTextIsLowercaseCanonical() {
        for uuid in (0..<100).map({ _ in UUID() }) + [UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))] {
            #expect(uuid.ledgerString == uuid.uuidString.lowercased())
        }
    }

    @Test func jsonNumbersCompareByValue() throws {
        let value: JSONValue = ["a": [1, 2.5, "x", nil, true], "b": ["c": 1.0]]
        let parsed = try JSONValue(jsonText: value.jsonText)
        #expect(parsed == value)
        #expect(JSONValue.int(1) == JSONValue.double(1.0))
        #expect(value.jsonText == #"{"a":[1,2.5,"x",null,true],"b":{"c":1}}"#)
    }
}
