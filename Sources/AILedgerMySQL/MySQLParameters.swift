import AILedger
import CMariaDB

/// The bind array for a statement's parameters, owning every buffer it points at until
/// it is released (after the statement has executed).
final class MySQLParameters {
    let binds: UnsafeMutablePointer<MYSQL_BIND>
    let count: Int
    private var buffers: [UnsafeMutableRawPointer] = []
    private let lengths: UnsafeMutablePointer<UInt>

    init(_ values: [SQLValue]) throws {
        count = values.count
        binds = .allocate(capacity: max(1, count))
        binds.initialize(repeating: MYSQL_BIND(), count: max(1, count))
        lengths = .allocate(capacity: max(1, count))
        lengths.initialize(repeating: 0, count: max(1, count))
        for (index, value) in values.enumerated() {
            switch value {
            case .null:
                binds[index].buffer_type = MYSQL_TYPE_NULL
            case .integer(let number):
                integer(number, at: index)
            case .bool(let flag):
                integer(flag ? 1 : 0, at: index)
            case .double(let number):
                let buffer = allocate(MemoryLayout<Double>.size)
                buffer.storeBytes(of: number, as: Double.self)
                binds[index].buffer_type = MYSQL_TYPE_DOUBLE
                binds[index].buffer = buffer
            case .text(let text), .json(let text):
                bytes(Array(text.utf8), type: MYSQL_TYPE_STRING, at: index)
            case .uuid(let uuid):
                bytes(Array(uuid.ledgerString.utf8), type: MYSQL_TYPE_STRING, at: index)
            case .timestamp(let micros):
                // DATETIME(6) literal: "YYYY-MM-DD HH:MM:SS.ffffff", in UTC like the session.
                let iso = Timestamp.iso8601(microseconds: micros)
                bytes(Array(iso.dropLast().replacingOccurrences(of: "T", with: " ").utf8), type: MYSQL_TYPE_STRING, at: index)
            case .blob(let data):
                bytes(data, type: MYSQL_TYPE_BLOB, at: index)
            }
        }
    }

    deinit {
        buffers.forEach { $0.deallocate() }
        lengths.deallocate()
        binds.deallocate()
    }

    private func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(1, size), alignment: 8)
        buffers.append(buffer)
        return buffer
    }

    private func integer(_ value: Int64, at index: Int) {
        let buffer = allocate(MemoryLayout<Int64>.size)
        buffer.storeBytes(of: value, as: Int64.self)
        binds[index].buffer_type = MYSQL_TYPE_LONGLONG
        binds[index].buffer = buffer
    }

    private func bytes(_ data: [UInt8], type: enum_field_types, at index: Int) {
        let buffer = allocate(data.count)
        data.withUnsafeBytes { raw in
            if let base = raw.baseAddress { buffer.copyMemory(from: base, byteCount: data.count) }
        }
        lengths[index] = UInt(data.count)
        binds[index].buffer_type = type
        binds[index].buffer = buffer
        binds[index].buffer_length = UInt(data.count)
        binds[index].length = lengths + index
    }
}
