@testable import AILedger
import Foundation
import Testing

@Suite struct JSONTextTests {
    private static func encoded(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        var controls = ""
        for scalar in 0..<32 { controls.unicodeScalars.append(UnicodeScalar(UInt8(scalar))) }
        let document: JSONValue = .object([
            "numbers": .array([.double(1), .double(0.1), .double(1e-7), .double(1e21), .double(-0.0), .double(2.5e-300),
                               .double(1e15), .double(1e16), .int(.max), .int(.min), .int(0)]),
            "texts": .array([.string(controls), .string("\"\\/\u{7F}\u{2028}é😀"), .string("")]),
            "keys": .object(["a10": .int(1), "a2": .int(2), "B": .null, "a": .bool(true), "é": .bool(false), "Z": .array([]),
                             "_": .object([:]), "ÿ": .int(3), "😀": .int(4)]),
        ])
        #expect(document.jsonText == (try Self.encoded(document)))
        for value in [document, .string(controls), .double(-2.2250738585072014e-308), .int(.min), .null, .bool(false), .object([:])] {
            #expect(value.jsonTextBound >= value.jsonText.utf8.count, "\(value.jsonText)")
        }
        #expect(try JSONValue(jsonText: document.jsonText) == document)
    }

    /// Text longer than the buffer it starts in, reached by single bytes, by runs and by
    /// runs longer than the whole buffer, as JSONEncoder writes it.
    @Test func growsPastItsFirstBuffer() throws {
        for length in [1_000, 1_023, 1_024, 1_025, 5_000, 70_000] {
            let text = String(repeating: "é\"x\n", count: length / 4) + String(repeating: "y", count: length % 4)
            let value = JSONValue.object([
                "long": .string(text),
                "many": .array((0..<length / 50).map { .int(Int64($0) * 7_919) }),
                "nested": .object(["quotes": .string(String(repeating: "\"", count: length)), "n": .double(0.5)]),
            ])
            #expect(value.jsonText == (try Self.encoded(value)), "length \(length)")
            #expect(try JSONValue(jsonText: value.jsonText) == value)
        }
    }

    /// Strings are scanned eight bytes at a time: an escape at every offset of strings
    /// around that width, beside bytes near the ones that need escapes, and keys that are
    /// prefixes of one another, all as JSONEncoder writes them.
    @Test func escapesAtEveryOffset() throws {
        let specials: [Character] = ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\u{7F}", " ", "!", "#", "[", "]", "é", "\u{80}", "😀"]
        for length in 0...19 {
            for offset in 0..<max(length, 1) {
                for special in specials {
                    var text = String(repeating: "x", count: length)
                    if length > 0 {
                        text = String(text.prefix(offset)) + String(special) + String(text.dropFirst(offset + 1))
                    }
                    let value = JSONValue.object([text: .string(text), text + "a": .int(1), "b" + text: .int(2)])
                    #expect(value.jsonText == (try Self.encoded(value)), "\(text.debugDescription)")
                }
            }
        }
    }

    /// Keys are ordered by their first eight bytes, then whole: keys that share those, keys
    /// shorter than eight bytes, NUL bytes where a shorter key has none, and objects too
    /// large for the insertion sort, all in JSONEncoder's order.
    @Test func ordersKeysSharingTheirFirstEightBytes() throws {
        let keys = ["abcdefgh", "abcdefghi", "abcdefgh\u{0}", "abcdefg", "abcdefg\u{0}", "abcdefgha", "abcdefgg", "abcdefgi",
                    "", "\u{0}", "a", "ab", "abcdefgh😀", "abcdefghé", "ÿ", "zzzzzzzzzz", "zzzzzzzz", "Zzzzzzzzz"]
        var random = SystemRandomNumberGenerator()
        for size in [2, 3, 16, 17, keys.count] {
            for _ in 0..<20 {
                let chosen = keys.shuffled(using: &random).prefix(size)
                let value = JSONValue.object(Dictionary(uniqueKeysWithValues: chosen.enumerated().map { ($1, JSONValue.int(Int64($0))) }))
                #expect(value.jsonText == (try Self.encoded(value)), "\(chosen)")
            }
        }
        let wide = JSONValue.object(Dictionary(uniqueKeysWithValues: (0..<300).map { ("key-\($0 * 7919 % 300)", JSONValue.int(Int64($0))) }))
        #expect(wide.jsonText == (try Self.encoded(wide)))
    }

    @Test func writesNonFiniteNumbersAsNull() {
        #expect(JSONValue.array([.double(.nan), .double(.infinity)]).jsonText == "[null,null]")
    }
}
