@testable import AILedger
import Foundation
import Testing

/// The JSON parser: RFC 8259, no more and no less.
@Suite struct JSONParserTests {
    @Test(arguments: [
        (#"{"a": [1, -2, 3.5, 1e3, true, false, null, "x"]}"#, ["a": [1, -2, 3.5, 1000.0, true, false, nil, "x"]] as JSONValue),
        (#" "é\u00e9\ud83d\ude00\n\"\\\/" "#, "éé😀\n\"\\/"),
        (#""\ud800x""#, "\u{FFFD}x"),
        ("9223372036854775807", .int(Int64.max)),
        ("-9223372036854775808", .int(Int64.min)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("0.1", .double(0.1)),
        (#"{"k": 1, "k": 2}"#, ["k": 2]),
        ("[]", []), ("{}", [:]),
    ] as [(String, JSONValue)])
    func validJSONIsRead(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONValue(jsonText: text) == expected)
    }

    @Test(arguments: ["", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "1e", "-", "+1", "[1 2]", "\"a\u{01}\"", "\"\\x\"", "\"\\u12\"",
                      "tru", "nul", "[", "{\"a\"}", "1e400", "\"abc", "1 2", "[1]x", String(repeating: "[", count: 513) + String(repeating: "]", count: 513)])
    func invalidJSONIsRefused(_ text: String) {
        #expect(throws: LedgerError.self) { try JSONValue(jsonText: text) }
    }

    @Test func deepButAllowedNestingIsRead() throws {
        let text = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONValue(jsonText: text) }
    }
}
