import AILedger

/// Rows laid out for binding: the bytes of every text, JSON, id, time and blob value back
/// to back in one buffer (ids and times in the text forms SQLite stores), and per value
/// what to bind. Built once per batch, off the connection's thread; binding from it copies
/// nothing and allocates nothing per value (`SQLITE_STATIC`).
struct SQLitePackedRows: Sendable {
    /// What one value binds as; text and blobs by their place in `bytes`.
    enum Value: Sendable {
        case null, integer(Int64), double(Double)
        case text(start: Int, count: Int), blob(start: Int, count: Int)
    }

    /// The bytes of the text, JSON, id, time and blob values.
    let bytes: SQLitePackedBytes
    private(set) var values: [Value] = []
    /// Where each row's values end in `values`.
    private(set) var rowEnds: [Int] = []

    var rowCount: Int { rowEnds.count }

    /// `rows`, in order.
    init(_ rows: [[SQLValue]]) {
        rowEnds.reserveCapacity(rows.count)
        values.reserveCapacity(rows.count * (rows.first?.count ?? 0))
        // Sized exactly first: a buffer grown by doubling would hold up to twice a batch's
        // bytes (tens of MB), and copy them as it grows.
        bytes = SQLitePackedBytes(capacity: rows.reduce(0) { total, row in row.reduce(total) { $0 + Self.byteCount($1) } })
        for row in rows {
            for value in row { append(value) }
            rowEnds.append(values.count)
        }
    }

    /// The bytes `value` takes in `bytes`.
    private static func byteCount(_ value: SQLValue) -> Int {
        switch value {
        case .null, .integer, .double, .bool: 0
        case .text(let text), .json(let text): text.utf8.count
        case .uuid: 36
        case .timestamp: 27
        case .blob(let blob): blob.count
        }
    }

    private mutating func append(_ value: SQLValue) {
        let start = bytes.count
        switch value {
        case .null: values.append(.null)
        case .integer(let number): values.append(.integer(number))
        case .double(let number): values.append(.double(number))
        case .bool(let flag): values.append(.integer(flag ? 1 : 0))
        case .text(let text), .json(let text):
            append(text)
            values.append(.text(start: start, count: bytes.count - start))
        case .uuid(let uuid):
            append(uuid.ledgerString)
            values.append(.text(start: start, count: bytes.count - start))
        case .timestamp(let micros):
            append(Timestamp.iso8601(microseconds: micros))
            values.append(.text(start: start, count: bytes.count - start))
        case .blob(let blob):
            blob.withUnsafeBytes { bytes.append($0) }
            values.append(.blob(start: start, count: blob.count))
        }
    }

    private func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(UnsafeRawBufferPointer($0)) }
    }
}
