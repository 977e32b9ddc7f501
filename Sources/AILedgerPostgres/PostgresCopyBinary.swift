import AILedger
import CLibPQ

/// Rows in the binary format of `COPY … FROM STDIN (FORMAT binary)`: each value in its
/// column type's binary form, so the server parses no text for timestamps, ids and
/// numbers.
///
/// Built only for column types it knows; `init` returns nil when a value does not have
/// the binary form of its column's type, and the rows go as text instead.
struct PostgresCopyBinary {
    private(set) var bytes: [UInt8] = []

    /// Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch.
    private static let epochOffset: Int64 = 946_684_800_000_000

    /// The whole copy stream for `rows`, whose columns have the type OIDs `types`.
    init?(_ rows: [[SQLValue]], types: [Oid]) {
        bytes.reserveCapacity(19 + rows.count * (2 + types.count * 16))
        bytes += Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]
        append(Int32(0))  // flags
        append(Int32(0))  // header extension length
        for row in rows {
            guard row.count == types.count else { return nil }
            append(Int16(truncatingIfNeeded: row.count))
            for (value, type) in zip(row, types) {
                guard append(value, as: type) else { return nil }
            }
        }
        append(Int16(-1))
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
            bytes += s.utf8
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
        bytes += s.utf8
        return true
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
