import AILedger
import CMariaDB

/// Column-wise bind arrays for MariaDB's array binding (one execute inserting many rows,
/// `STMT_ATTR_ARRAY_SIZE`), owning every buffer they point at until released.
///
/// Each column is bound once: numbers as an array of values, everything else as an array
/// of pointers into one arena holding the bytes, NULLs through the column's indicators.
/// Unchecked `Sendable`: made on one thread and only read after, by the execute on another.
final class MySQLColumnArrays: @unchecked Sendable {
    let binds: UnsafeMutablePointer<MYSQL_BIND>
    let columnCount: Int
    let rowCount: Int
    /// Every buffer the binds point at.
    private var allocations: [UnsafeMutableRawPointer] = []

    /// The arrays for `rows`, or nil when a column holds values of two kinds (an integer
    /// in one row and text in another), which only per-row binding can send, or when the
    /// rows differ in length.
    init?(_ rows: [[SQLValue]]) {
        let width = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == width }) else { return nil }
        rowCount = rows.count
        columnCount = width
        binds = .allocate(capacity: max(1, columnCount))
        binds.initialize(repeating: MYSQL_BIND(), count: max(1, columnCount))
        let bytes = rows.reduce(0) { total, row in row.reduce(total) { $0 + Self.byteCount($1) } }
        let arena = allocate(max(1, bytes), CChar.self)
        var used = 0
        for column in 0..<columnCount {
            let indicators = allocate(rowCount, CChar.self)
            binds[column].u.indicator = indicators
            guard let kind = rows.lazy.compactMap({ Self.kind(of: $0[column]) }).first else {
                // No row has a value: every one is NULL.
                for row in 0..<rowCount { indicators[row] = CChar(STMT_INDICATOR_NULL.rawValue) }
                binds[column].buffer_type = MYSQL_TYPE_STRING
                continue
            }
            binds[column].buffer_type = kind
            switch kind {
            case MYSQL_TYPE_LONGLONG:
                let values = allocate(rowCount, Int64.self)
                binds[column].buffer = UnsafeMutableRawPointer(values)
                for row in 0..<rowCount {
                    switch rows[row][column] {
                    case .null: indicators[row] = CChar(STMT_INDICATOR_NULL.rawValue)
                    case .integer(let number): values[row] = number
                    case .bool(let flag): values[row] = flag ? 1 : 0
                    default: return nil
                    }
                }
            case MYSQL_TYPE_DOUBLE:
                let values = allocate(rowCount, Double.self)
                binds[column].buffer = UnsafeMutableRawPointer(values)
                for row in 0..<rowCount {
                    switch rows[row][column] {
                    case .null: indicators[row] = CChar(STMT_INDICATOR_NULL.rawValue)
                    case .double(let number): values[row] = number
                    default: return nil
                    }
                }
            default:
                let pointers = allocate(rowCount, UnsafeMutablePointer<CChar>?.self)
                let lengths = allocate(rowCount, UInt.self)
                binds[column].buffer = UnsafeMutableRawPointer(pointers)
                binds[column].length = lengths
                for row in 0..<rowCount {
                    let value = rows[row][column]
                    guard case .null = value else {
                        guard Self.kind(of: value) == kind else { return nil }
                        let start = arena + used
                        used += Self.copy(value, to: start)
                        pointers[row] = start
                        lengths[row] = UInt(arena + used - start)
                        continue
                    }
                    indicators[row] = CChar(STMT_INDICATOR_NULL.rawValue)
                }
            }
        }
    }

    deinit {
        for allocation in allocations { allocation.deallocate() }
        binds.deallocate()
    }

    /// Zeroed memory for `count` values of `type`, freed with the arrays.
    private func allocate<T>(_ count: Int, _ type: T.Type) -> UnsafeMutablePointer<T> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<T>.stride,
                                                   alignment: MemoryLayout<T>.alignment)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: max(1, count) * MemoryLayout<T>.stride)
        allocations.append(raw)
        return raw.assumingMemoryBound(to: T.self)
    }

    /// How a value is sent: numbers as themselves, the rest as bytes (as `MySQLParameters`).
    private static func kind(of value: SQLValue) -> enum_field_types? {
        switch value {
        case .null: nil
        case .integer, .bool: MYSQL_TYPE_LONGLONG
        case .double: MYSQL_TYPE_DOUBLE
        case .text, .json, .uuid, .timestamp: MYSQL_TYPE_STRING
        case .blob: MYSQL_TYPE_BLOB
        }
    }

    private static func byteCount(_ value: SQLValue) -> Int {
        switch value {
        case .text(let text), .json(let text): text.utf8.count
        case .uuid: 36
        case .timestamp: 26
        case .blob(let data): data.count
        case .null, .integer, .bool, .double: 0
        }
    }

    /// Writes the bytes of a value sent as bytes at `start`; returns how many.
    private static func copy(_ value: SQLValue, to start: UnsafeMutablePointer<CChar>) -> Int {
        let buffer = UnsafeMutableRawBufferPointer(start: start, count: byteCount(value))
        switch value {
        case .text(let text), .json(let text): buffer.copyBytes(from: text.utf8)
        case .uuid(let uuid): buffer.copyBytes(from: uuid.ledgerString.utf8)
        case .timestamp(let micros): buffer.copyBytes(from: Timestamp.sqlDateTime(microseconds: micros).utf8)
        case .blob(let data): buffer.copyBytes(from: data)
        case .null, .integer, .bool, .double: break
        }
        return buffer.count
    }
}
