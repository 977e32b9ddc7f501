import AILedger
import CMariaDB

/// Result buffers for a statement's columns: integers and doubles fetched natively,
/// DATETIME into `MYSQL_TIME` (exact microseconds), everything else as bytes, re-fetched
/// whole when longer than the first buffer.
final class MySQLResultColumns {
    private enum Kind { case integer, double, time, text, binary }

    let binds: UnsafeMutablePointer<MYSQL_BIND>
    private let kinds: [Kind]
    private let nulls: UnsafeMutablePointer<my_bool>
    private let lengths: UnsafeMutablePointer<UInt>
    private var buffers: [UnsafeMutableRawPointer] = []
    private static let initialBytes = 512

    init(_ metadata: UnsafeMutablePointer<MYSQL_RES>) {
        let count = Int(mysql_num_fields(metadata))
        let fields = mysql_fetch_fields(metadata)!
        binds = .allocate(capacity: max(1, count))
        binds.initialize(repeating: MYSQL_BIND(), count: max(1, count))
        nulls = .allocate(capacity: max(1, count))
        nulls.initialize(repeating: 0, count: max(1, count))
        lengths = .allocate(capacity: max(1, count))
        lengths.initialize(repeating: 0, count: max(1, count))
        var kinds: [Kind] = []
        for index in 0..<count {
            let field = fields[index]
            let kind: Kind
            let size: Int
            switch field.type {
            case MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_LONG, MYSQL_TYPE_INT24, MYSQL_TYPE_LONGLONG, MYSQL_TYPE_YEAR,
                 MYSQL_TYPE_BIT:
                (kind, size) = (.integer, 8)
                binds[index].buffer_type = MYSQL_TYPE_LONGLONG
            case MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE:
                (kind, size) = (.double, 8)
                binds[index].buffer_type = MYSQL_TYPE_DOUBLE
            case MYSQL_TYPE_DATETIME, MYSQL_TYPE_TIMESTAMP, MYSQL_TYPE_DATE:
                (kind, size) = (.time, MemoryLayout<MYSQL_TIME>.size)
                binds[index].buffer_type = MYSQL_TYPE_DATETIME
            case MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_BLOB, MYSQL_TYPE_STRING,
                 MYSQL_TYPE_VAR_STRING, MYSQL_TYPE_VARCHAR:
                // charsetnr 63 is "binary": BLOB, BINARY and VARBINARY columns.
                (kind, size) = (field.charsetnr == 63 ? .binary : .text, Self.initialBytes)
                binds[index].buffer_type = MYSQL_TYPE_BLOB
                binds[index].buffer_length = UInt(size)
            default:
                // DECIMAL (exact, as text), JSON, ENUM and the rest.
                (kind, size) = (.text, Self.initialBytes)
                binds[index].buffer_type = MYSQL_TYPE_BLOB
                binds[index].buffer_length = UInt(size)
            }
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
            buffers.append(buffer)
            binds[index].buffer = buffer
            binds[index].is_null = nulls + index
            binds[index].length = lengths + index
            kinds.append(kind)
        }
        self.kinds = kinds
    }

    deinit {
        buffers.forEach { $0.deallocate() }
        nulls.deallocate()
        lengths.deallocate()
        binds.deallocate()
    }

    /// The current row's values, after `mysql_stmt_fetch`.
    func values(_ statement: UnsafeMutablePointer<MYSQL_STMT>) throws -> [SQLValue] {
        try kinds.indices.map { index in
            if nulls[index] != 0 { return .null }
            let buffer = buffers[index]
            switch kinds[index] {
            case .integer: return .integer(buffer.load(as: Int64.self))
            case .double: return .double(buffer.load(as: Double.self))
            case .time:
                let time = buffer.load(as: MYSQL_TIME.self)
                let text = String(format: "%04u-%02u-%02u %02u:%02u:%02u.%06lu", time.year, time.month, time.day,
                                  time.hour, time.minute, time.second, time.second_part)
                guard let micros = Timestamp.parse(text) else {
                    throw LedgerError(.decodingFailed, "column \(index) holds a date outside the supported range")
                }
                return .timestamp(micros)
            case .text, .binary:
                let bytes = try fetchBytes(statement, index)
                return kinds[index] == .binary ? .blob(bytes) : .text(String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    private func fetchBytes(_ statement: UnsafeMutablePointer<MYSQL_STMT>, _ index: Int) throws -> [UInt8] {
        let length = Int(lengths[index])
        if length <= Self.initialBytes {
            return Array(UnsafeRawBufferPointer(start: buffers[index], count: length))
        }
        // Longer than the first buffer: fetch the whole value into one of its size.
        var bytes = [UInt8](repeating: 0, count: length)
        var bind = MYSQL_BIND()
        var fetched: UInt = 0
        let code = bytes.withUnsafeMutableBytes { raw -> Int32 in
            bind.buffer_type = MYSQL_TYPE_BLOB
            bind.buffer = raw.baseAddress
            bind.buffer_length = UInt(length)
            return withUnsafeMutablePointer(to: &fetched) { fetchedPointer in
                bind.length = fetchedPointer
                return mysql_stmt_fetch_column(statement, &bind, UInt32(index), 0)
            }
        }
        guard code == 0 else {
            throw LedgerError(.decodingFailed, "could not fetch column \(index): \(String(cString: mysql_stmt_error(statement)))")
        }
        return bytes
    }
}
