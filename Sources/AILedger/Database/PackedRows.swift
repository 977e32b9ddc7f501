/// Rows laid out for binding: the bytes of every text, JSON, id, time and blob value back
/// to back in one buffer (ids and times in their stored text forms), and per value what
/// to bind. Built once per batch, off the connection's thread (`PackedRowsBuilder`), so
/// that binding copies nothing and allocates nothing per value.
package struct PackedRows: Sendable {
    /// What one value binds as; text and blobs by their place in `bytes`.
    package enum Value: Sendable {
        case null, integer(Int64), double(Double)
        case text(start: Int, count: Int), blob(start: Int, count: Int)
    }

    /// The bytes of the text, JSON, id, time and blob values.
    package let bytes: PackedBytes
    package private(set) var values: [Value]
    /// Where each row's values end in `values`.
    package private(set) var rowEnds: [Int]

    package var rowCount: Int { rowEnds.count }

    init(bytes: PackedBytes, values: [Value], rowEnds: [Int]) {
        (self.bytes, self.values, self.rowEnds) = (bytes, values, rowEnds)
    }

    /// `rows`, in order.
    package init(_ rows: [[SQLValue]]) {
        // Sized exactly first: a buffer grown by doubling would hold up to twice a batch's
        // bytes (tens of MB), and copy them as it grows.
        let byteCount = rows.reduce(0) { total, row in row.reduce(total) { $0 + Self.byteCount($1) } }
        var builder = PackedRowsBuilder(rowCapacity: rows.count, valueCapacity: rows.count * (rows.first?.count ?? 0),
                                        byteCapacity: byteCount)
        for row in rows {
            for value in row { builder.append(value) }
            builder.endRow()
        }
        self = builder.finish()
    }

    /// The positions of the columns with a value other than NULL in some row, the first
    /// (the id) always; every row must have `width` values.
    package func columnsWithValues(width: Int) -> [Int] {
        var used = [Bool](repeating: false, count: width)
        if width > 0 { used[0] = true }
        values.withUnsafeBufferPointer { values in
            var column = 0
            for value in values {
                if !used[column], case .null = value {} else { used[column] = true }
                column = column + 1 == width ? 0 : column + 1
            }
        }
        return used.indices.filter { used[$0] }
    }

    /// Keeps only the columns at `kept` (ascending positions) of rows of `width` values.
    package mutating func keepColumns(_ kept: [Int], width: Int) {
        precondition(values.count == rowCount * width, "rows of \(width) values")
        guard kept.count < width else { return }
        let rows = rowCount
        values.withUnsafeMutableBufferPointer { values in  // in place: a value only moves forward
            var written = 0
            for row in 0..<rows {
                for column in kept {
                    values[written] = values[row * width + column]
                    written += 1
                }
            }
        }
        values.removeLast(values.count - rows * kept.count)
        rowEnds = (0..<rows).map { ($0 + 1) * kept.count }
    }

    /// The bytes `value` takes in `bytes`.
    static func byteCount(_ value: SQLValue) -> Int {
        switch value {
        case .null, .integer, .double, .bool: 0
        case .text(let text), .json(let text): text.utf8.count
        case .uuid: 36
        case .timestamp: 27
        case .blob(let blob): blob.count
        }
    }
}
