import AILedger
import CLibPQ

/// Rows in the binary format of `COPY … FROM STDIN (FORMAT binary)`: each value in its
/// column type's binary form, so the server parses no text for timestamps, ids and
/// numbers.
///
/// Built only for column types it knows: `encodes` says first whether every value has the
/// binary form of its column's type (if not, the rows go as text). The rows are then
/// appended one by one and the bytes sent whenever they pass a chunk's size, so the server
/// works on the first rows while the last are encoded, and one buffer serves the whole copy.
struct PostgresCopyBinary {
    private(set) var bytes: [UInt8] = []

    /// Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch.
    private static let epochOffset: Int64 = 946_684_800_000_000

    /// Whether every value of `rows` has the binary form of its column type in `types`.
    static func encodes(_ rows: [[SQLValue]], as types: [Oid]) -> Bool {
        rows.allSatisfy { row in
            row.count == types.count && zip(row, types).allSatisfy { value, type in fits(value, type) }
        }
    }

    /// The stream's header, in a buffer of `capacity` bytes.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        bytes += Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]
        append(Int32(0))  // flags
        append(Int32(0))  // header extension length
    }

    /// Appends one row; false (and the row partly written) if a value does not have its
    /// type's binary form, which `encodes` rules out.
    mutating func append(row: [SQLValue], types: [Oid]) -> Bool {
        guard row.count == types.count else { return false }
        append(Int16(truncatingIfNeeded: row.count))
        for (value, type) in zip(row, types) {
            guard append(value, as: type) else { return false }
        }
        return true
    }

    /// Appends the stream's trailer.
    mutating func finish() { append(Int16(-1)) }

    /// Empties the buffer, keeping its memory for the next rows.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Whether `append(value, as: type)` can write `value`: the same cases, without writing.
    private static func fits(_ value: SQLValue, _ type: Oid) -> Bool {
        switch (value, type) {
        case (.null, _): true
        case (.integer, PostgresOID.int8): true
        case (.integer(let n), PostgresOID.int4): Int32(exactly: n) != nil
        case (.integer(let n), PostgresOID.int2): Int16(exactly: n) != nil
        case (.double, PostgresOID.float8), (.bool, PostgresOID.bool): true
        case (.text(let s), PostgresOID.text), (.text(let s), PostgresOID.varchar),
             (.json(let s), PostgresOID.json), (.json(let s), PostgresOID.text):
            Int32(exactly: s.utf8.count) != nil
        case (.json(let s), PostgresOID.jsonb), (.text(let s), PostgresOID.jsonb): Int32(exactly: s.utf8.count + 1) != nil
        case (.uuid, PostgresOID.uuid), (.uuid, PostgresOID.text), (.uuid, PostgresOID.varchar): true
        case (.timestamp(let micros), PostgresOID.timestamptz), (.timestamp(let micros), PostgresOID.timestamp):
            !micros.subtractingReportingOverflow(epochOffset).overflow
        case (.blob(let data), PostgresOID.bytea): Int32(exactly: data.count) != nil
        default: false
        }
    }

    private mutating func append(_ value: SQLValue, as type: Oid) -> Bool {
        switch (value, type) {
        case (.null, _): append(Int32(-1))
        case (.integer(let n), PostgresOID.int8): field(n)
        case (.integer(let n), PostgresOID.int4):
            guard let n = Int32(exactly: n) else { return false }
            field(n)
        case (.integer(let n), PostgresOID.int2):
            guard let n = Int16(exactly: n) else { return false }
            field(n)
        case (.double(let d), PostgresOID.float8): field(d.bitPattern)
        case (.bool(let b), PostgresOID.bool):
            append(Int32(1))
            bytes.append(b ? 1 : 0)
        case (.text(let s), PostgresOID.text), (.text(let s), PostgresOID.varchar),
             (.json(let s), PostgresOID.json), (.json(let s), PostgresOID.text):
            return text(s)
        case (.json(let s), PostgresOID.jsonb), (.text(let s), PostgresOID.jsonb):
            guard let length = Int32(exactly: s.utf8.count + 1) else { return false }
            append(length)
            bytes.append(1)  // jsonb's binary version
            utf8(s)
        case (.uuid(let id), PostgresOID.uuid):
            append(Int32(16))
            withUnsafeBytes(of: id.uuid) { bytes += $0 }
        case (.uuid(let id), PostgresOID.text), (.uuid(let id), PostgresOID.varchar): return text(id.ledgerString)
        case (.timestamp(let micros), PostgresOID.timestamptz), (.timestamp(let micros), PostgresOID.timestamp):
            let (since2000, overflow) = micros.subtractingReportingOverflow(Self.epochOffset)
            guard !overflow else { return false }
            field(since2000)
        case (.blob(let data), PostgresOID.bytea):
            guard let length = Int32(exactly: data.count) else { return false }
            append(length)
            bytes += data
        default: return false
        }
        return true
    }

    private mutating func text(_ s: String) -> Bool {
        guard let length = Int32(exactly: s.utf8.count) else { return false }
        append(length)
        utf8(s)
        return true
    }

    /// The UTF-8 bytes of `s`, copied whole.
    private mutating func utf8(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A fixed-width field: its length, then its bytes in network order.
    private mutating func field<T: FixedWidthInteger>(_ value: T) {
        append(Int32(MemoryLayout<T>.size))
        append(value)
    }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { bytes += $0 }
    }
}
