import AILedger
import CMariaDB

/// The bind array for a statement's parameters, owning every buffer it points at until
/// it is released (after the statement has executed).
final class MySQLParameters {
    let binds: UnsafeMutablePointer<MYSQL_BIND>
    let count: Int
    /// One allocation holding every value, each at an 8-byte-aligned offset.
    private let arena: UnsafeMutableRawPointer
    private let lengths: UnsafeMutablePointer<UInt>

    init(_ values: [SQLValue]) throws {
        count = values.count
        binds = .allocate(capacity: max(1, count))
        binds.initialize(repeating: MYSQL_BIND(), count: max(1, count))
        lengths = .allocate(capacity: max(1, count))
        lengths.initialize(repeating: 0, count: max(1, count))
        let size = values.reduce(0) { total, value in total + (Self.byteCount(value) + 7) & ~7 }
        arena = .allocate(byteCount: max(8, size), alignment: 8)
        var offset = 0
        for (index, value) in values.enumerated() {
            let buffer = arena + offset
            offset += (Self.byteCount(value) + 7) & ~7
            switch value {
            case .null:
                binds[index].buffer_type = MYSQL_TYPE_NULL
            case .integer(let number):
                integer(number, in: buffer, at: index)
            case .bool(let flag):
                integer(flag ? 1 : 0, in: buffer, at: index)
            case .double(let number):
                buffer.storeBytes(of: number, as: Double.self)
                binds[index].buffer_type = MYSQL_TYPE_DOUBLE
                binds[index].buffer = buffer
            case .text(let text), .json(let text):
                bytes(text.utf8, type: MYSQL_TYPE_STRING, in: buffer, at: index)
            case .uuid(let uuid):
                bytes(uuid.ledgerString.utf8, type: MYSQL_TYPE_STRING, in: buffer, at: index)
            case .timestamp(let micros):
                // DATETIME(6) literal: "YYYY-MM-DD HH:MM:SS.ffffff", in UTC like the session.
                bytes(Timestamp.sqlDateTime(microseconds: micros).utf8, type: MYSQL_TYPE_STRING, in: buffer, at: index)
            case .blob(let data):
                bytes(data, type: MYSQL_TYPE_BLOB, in: buffer, at: index)
            }
        }
    }

    deinit {
        arena.deallocate()
        lengths.deallocate()
        binds.deallocate()
    }

    private static func byteCount(_ value: SQLValue) -> Int {
        switch value {
        case .null: 0
        case .integer, .bool, .double: 8
        case .text(let text), .json(let text): text.utf8.count
        case .uuid: 36
        case .timestamp: 26
        case .blob(let data): data.count
        }
    }

    private func integer(_ value: Int64, in buffer: UnsafeMutableRawPointer, at index: Int) {
        buffer.storeBytes(of: value, as: Int64.self)
        binds[index].buffer_type = MYSQL_TYPE_LONGLONG
        binds[index].buffer = buffer
    }

    private func bytes(_ data: some Collection<UInt8>, type: enum_field_types, in buffer: UnsafeMutableRawPointer, at index: Int) {
        let count = data.count
        UnsafeMutableRawBufferPointer(start: buffer, count: count).copyBytes(from: data)
        lengths[index] = UInt(count)
        binds[index].buffer_type = type
        binds[index].buffer = buffer
        binds[index].buffer_length = UInt(count)
        binds[index].length = lengths + index
    }
}
