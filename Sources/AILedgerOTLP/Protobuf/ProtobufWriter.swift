/// Writes protocol buffers' wire format: what the OTLP responses and the benchmark's
/// requests are made with.
package struct ProtobufWriter {
    /// The bytes written so far.
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private mutating func key(_ field: UInt64, _ type: ProtobufReader.WireType) {
        varint(field << 3 | UInt64(type.rawValue))
    }

    package mutating func varint(_ field: UInt64, _ value: UInt64) {
        key(field, .varint)
        varint(value)
    }

    package mutating func fixed64(_ field: UInt64, _ value: UInt64) {
        key(field, .fixed64)
        for index in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }

    package mutating func data(_ field: UInt64, _ value: [UInt8]) {
        key(field, .lengthDelimited)
        varint(UInt64(value.count))
        bytes += value
    }

    package mutating func string(_ field: UInt64, _ value: String) {
        data(field, Array(value.utf8))
    }

    package mutating func message(_ field: UInt64, _ write: (inout ProtobufWriter) -> Void) {
        var inner = ProtobufWriter()
        write(&inner)
        data(field, inner.bytes)
    }
}
