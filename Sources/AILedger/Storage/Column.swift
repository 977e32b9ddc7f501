import Foundation

/// One stored column of a record type: its name, how a record's value is written, and how
/// it is read back into a record. A record type lists its columns once, in its
/// `StoredRecord.stored` table; statements, inserts and reads all follow that list.
///
/// Immutable, and built only from key paths to stored properties: safe to share.
struct Column<Record>: @unchecked Sendable {
    /// The column's name in the table.
    let name: String
    /// The record's value for the column, read through a pointer so that the record is
    /// not copied once per column.
    let encode: (UnsafePointer<Record>) -> SQLValue
    /// Reads the column's value from `reader` into the record.
    let decode: (inout Record, inout RowReader) throws -> Void
    /// Appends the record's value for the column to packed rows, as `encode` gives it but
    /// without making it an `SQLValue` first (nor JSON its text).
    let pack: (UnsafePointer<Record>, inout PackedRowsBuilder) -> Void

    init(name: String, encode: @escaping (UnsafePointer<Record>) -> SQLValue,
         decode: @escaping (inout Record, inout RowReader) throws -> Void,
         pack: ((UnsafePointer<Record>, inout PackedRowsBuilder) -> Void)? = nil) {
        (self.name, self.encode, self.decode) = (name, encode, decode)
        self.pack = pack ?? { record, rows in rows.append(encode(record)) }
    }

    static func uuid(_ name: String, _ path: WritableKeyPath<Record, UUID>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .uuid(read($0)) }, decode: { $0[keyPath: path] = try $1.uuid() },
                      pack: { $1.append(uuid: read($0)) })
    }

    static func uuid(_ name: String, _ path: WritableKeyPath<Record, UUID?>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .optional(read($0), SQLValue.uuid) }, decode: { $0[keyPath: path] = try $1.optionalUUID() },
                      pack: { record, rows in if let id = read(record) { rows.append(uuid: id) } else { rows.appendNull() } })
    }

    static func text(_ name: String, _ path: WritableKeyPath<Record, String>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .text(read($0)) }, decode: { $0[keyPath: path] = try $1.string() },
                      pack: { $1.append(text: read($0)) })
    }

    static func text(_ name: String, _ path: WritableKeyPath<Record, String?>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .optional(read($0), SQLValue.text) }, decode: { $0[keyPath: path] = try $1.optionalString() },
                      pack: { record, rows in if let text = read(record) { rows.append(text: text) } else { rows.appendNull() } })
    }

    static func time(_ name: String, _ path: WritableKeyPath<Record, Date>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .timestamp(Timestamp.microseconds(read($0))) }, decode: { $0[keyPath: path] = try $1.date() },
                      pack: { $1.append(timestamp: Timestamp.microseconds(read($0))) })
    }

    static func integer(_ name: String, _ path: WritableKeyPath<Record, Int64?>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .optional(read($0), SQLValue.integer) }, decode: { $0[keyPath: path] = try $1.optionalInt64() },
                      pack: { record, rows in if let number = read(record) { rows.append(integer: number) } else { rows.appendNull() } })
    }

    static func double(_ name: String, _ path: WritableKeyPath<Record, Double?>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .optional(read($0), SQLValue.double) }, decode: { $0[keyPath: path] = try $1.optionalDouble() },
                      pack: { record, rows in if let number = read(record) { rows.append(double: number) } else { rows.appendNull() } })
    }

    static func json(_ name: String, _ path: WritableKeyPath<Record, JSONValue?>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .optional(read($0)?.jsonText, SQLValue.json) }, decode: { $0[keyPath: path] = try $1.optionalJSON() },
                      pack: { record, rows in if let json = read(record) { rows.append(json: json) } else { rows.appendNull() } })
    }

    /// A JSON object column that is never NULL (`metadata`).
    static func object(_ name: String, _ path: WritableKeyPath<Record, [String: JSONValue]>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .json(JSONValue.object(read($0)).jsonText) }, decode: { $0[keyPath: path] = try $1.jsonObject() },
                      pack: { $1.append(json: .object(read($0))) })
    }

    /// A text enumeration read as `fallback` when NULL.
    static func enumeration<E: RawRepresentable>(_ name: String, _ path: WritableKeyPath<Record, E>, fallback: E) -> Column
    where E.RawValue == String {
        let read = reader(path)
        return Column(name: name, encode: { .text(read($0).rawValue) },
                      decode: { $0[keyPath: path] = try $1.optionalEnum(E.self) ?? fallback },
                      pack: { $1.append(text: read($0).rawValue) })
    }

    /// An optional text enumeration.
    static func enumeration<E: RawRepresentable>(_ name: String, _ path: WritableKeyPath<Record, E?>) -> Column
    where E.RawValue == String {
        let read = reader(path)
        return Column(name: name, encode: { .optional(read($0)?.rawValue, SQLValue.text) },
                      decode: { $0[keyPath: path] = try $1.optionalEnum(E.self) },
                      pack: { record, rows in if let value = read(record) { rows.append(text: value.rawValue) } else { rows.appendNull() } })
    }

    /// A function reading `path` from a record: straight from the record's memory when the
    /// path names stored properties, as every column's does, which spares the key path's
    /// runtime lookup on each of the millions of values a writer encodes.
    private static func reader<Value>(_ path: WritableKeyPath<Record, Value>) -> (UnsafePointer<Record>) -> Value {
        guard let offset = MemoryLayout<Record>.offset(of: path) else { return { $0.pointee[keyPath: path] } }
        return { UnsafeRawPointer($0).advanced(by: offset).assumingMemoryBound(to: Value.self).pointee }
    }
}
