/// Reads protocol buffers' wire format from a byte array, field by field, refusing
/// anything that runs past its end: what the OTLP decoder is built on.
package struct ProtobufReader {
    /// How a field's value is laid out.
    package enum WireType: UInt8 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
    }

    private let bytes: [UInt8]
    private var position: Int
    private let end: Int

    /// A reader over `bytes[range]`.
    package init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        position = range?.lowerBound ?? 0
        end = range?.upperBound ?? bytes.count
    }

    /// The next field's number and wire type, or nil at the end.
    package mutating func next() throws -> (number: UInt64, type: WireType)? {
        guard position < end else { return nil }
        let key = try varint()
        guard let type = WireType(rawValue: UInt8(key & 7)) else {
            throw OTLPDecodingError("field \(key >> 3): wire type \(key & 7) is not one OTLP uses")
        }
        guard key >> 3 > 0 else { throw OTLPDecodingError("a field numbered 0") }
        return (key >> 3, type)
    }

    package mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw OTLPDecodingError("the message ends inside a number") }
            let byte = bytes[position]
            position += 1
            guard shift < 64 else { throw OTLPDecodingError("a number longer than 10 bytes") }
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    package mutating func fixed64() throws -> UInt64 {
        guard end - position >= 8 else { throw OTLPDecodingError("the message ends inside a 64-bit field") }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
        position += 8
        return value
    }

    package mutating func fixed32() throws -> UInt32 {
        guard end - position >= 4 else { throw OTLPDecodingError("the message ends inside a 32-bit field") }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[position + index]) << (8 * UInt32(index)) }
        position += 4
        return value
    }

    /// The range of a length-delimited field's bytes, which the reader steps over.
    package mutating func lengthDelimited() throws -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(end - position) else { throw OTLPDecodingError("a field is longer than the message") }
        let range = position..<(position + Int(length))
        position = range.upperBound
        return range
    }

    /// A reader over the embedded message that comes next.
    package mutating func message() throws -> ProtobufReader {
        ProtobufReader(bytes, range: try lengthDelimited())
    }

    /// The string that comes next; invalid UTF-8 is replaced, not refused.
    package mutating func string() throws -> String {
        String(decoding: bytes[try lengthDelimited()], as: UTF8.self)
    }

    /// The bytes that come next.
    package mutating func data() throws -> [UInt8] {
        Array(bytes[try lengthDelimited()])
    }

    /// Steps over a field of `type` that the reader does not need.
    package mutating func skip(_ type: WireType) throws {
        switch type {
        case .varint: _ = try varint()
        case .fixed64: _ = try fixed64()
        case .fixed32: _ = try fixed32()
        case .lengthDelimited: _ = try lengthDelimited()
        }
    }

    /// Throws unless the field is of `type`.
    package static func expect(_ type: WireType, _ actual: WireType, _ field: String) throws {
        guard type == actual else { throw OTLPDecodingError("\(field): has the wrong wire type") }
    }
}
