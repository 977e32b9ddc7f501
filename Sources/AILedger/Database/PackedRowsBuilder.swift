import Foundation

/// Lays rows out as `PackedRows`, a value at a time, each row's values in its columns'
/// order: text and JSON written straight into the packed bytes, ids and times in their
/// stored text forms.
package struct PackedRowsBuilder: ~Copyable {
    private var bytes: ByteBuffer
    private var values: [PackedRows.Value] = []
    private var rowEnds: [Int] = []

    /// An empty layout with room for `rowCapacity` rows of `valueCapacity` values in all,
    /// and about `byteCapacity` bytes (it grows if they turn out more).
    package init(rowCapacity: Int, valueCapacity: Int, byteCapacity: Int) {
        bytes = PackedBytes.buffer(capacity: byteCapacity)
        values.reserveCapacity(valueCapacity)
        rowEnds.reserveCapacity(rowCapacity)
    }

    /// The rows laid out so far.
    package consuming func finish() -> PackedRows {
        PackedRows(bytes: PackedBytes(bytes), values: values, rowEnds: rowEnds)
    }

    /// Ends the row whose values were appended since the last one ended.
    package mutating func endRow() { rowEnds.append(values.count) }

    package mutating func appendNull() { values.append(.null) }

    package mutating func append(integer: Int64) { values.append(.integer(integer)) }

    package mutating func append(double: Double) { values.append(.double(double)) }

    package mutating func append(text: String) {
        let start = bytes.count
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append($0) }) == nil {
            var text = text
            text.withUTF8 { bytes.append($0) }
        }
        values.append(.text(start: start, count: bytes.count - start))
    }

    /// `json` as its `jsonText`, written without making that string.
    package mutating func append(json: JSONValue) {
        let start = bytes.count
        json.write(to: &bytes)
        values.append(.text(start: start, count: bytes.count - start))
    }

    /// `uuid` as its `ledgerString`.
    package mutating func append(uuid: UUID) {
        let start = bytes.count
        bytes.append(byteCount: 36) { uuid.writeLedgerText(to: $0) }
        values.append(.text(start: start, count: 36))
    }

    /// The time `microseconds` after the Unix epoch, as `Timestamp.iso8601` writes it.
    package mutating func append(timestamp microseconds: Int64) {
        let start = bytes.count
        bytes.append(byteCount: 27) { Timestamp.writeISO8601(microseconds: microseconds, to: $0) }
        values.append(.text(start: start, count: 27))
    }

    package mutating func append(blob: [UInt8]) {
        let start = bytes.count
        blob.withUnsafeBytes { bytes.append($0) }
        values.append(.blob(start: start, count: blob.count))
    }

    package mutating func append(_ value: SQLValue) {
        switch value {
        case .null: appendNull()
        case .integer(let number): append(integer: number)
        case .double(let number): append(double: number)
        case .bool(let flag): append(integer: flag ? 1 : 0)
        case .text(let text), .json(let text): append(text: text)
        case .uuid(let uuid): append(uuid: uuid)
        case .timestamp(let micros): append(timestamp: micros)
        case .blob(let blob): append(blob: blob)
        }
    }
}
