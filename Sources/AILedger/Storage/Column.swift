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

    static func uuid(_ name: String, _ path: WritableKeyPath<Record, UUID>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .uuid(read($0)) }, decode: { $0[keyPath: path] = try $1.uuid() })
    }

    static func uuid(_ name: String, _ path: WritableKeyPath<Record, UUID?>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .optional(read($0), SQLValue.uuid) }, decode: { $0[keyPath: path] = try $1.optionalUUID() })
    }

    static func text(_ name: String, _ path: WritableKeyPath<Record, String>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .text(read($0)) }, decode: { $0[keyPath: path] = try $1.string() })
    }

    static func text(_ name: String, _ path: WritableKeyPath<Record, String?>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .optional(read($0), SQLValue.text) }, decode: { $0[keyPath: path] = try $1.optionalString() })
    }

    static func time(_ name: String, _ path: WritableKeyPath<Record, Date>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .timestamp(Timestamp.microseconds(read($0))) }, decode: { $0[keyPath: path] = try $1.date() })
    }

    static func integer(_ name: String, _ path: WritableKeyPath<Record, Int64?>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .optional(read($0), SQLValue.integer) }, decode: { $0[keyPath: path] = try $1.optionalInt64() })
    }

    static func double(_ name: String, _ path: WritableKeyPath<Record, Double?>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .optional(read($0), SQLValue.double) }, decode: { $0[keyPath: path] = try $1.optionalDouble() })
    }

    static func json(_ name: String, _ path: WritableKeyPath<Record, JSONValue?>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .optional(read($0)?.jsonText, SQLValue.json) }, decode: { $0[keyPath: path] = try $1.optionalJSON() })
    }

    /// A JSON object column that is never NULL (`metadata`).
    static func object(_ name: String, _ path: WritableKeyPath<Record, [String: JSONValue]>) -> Column {
        let read = reader(path)
        return Column(name: name, encode: { .json(JSONValue.object(read($0)).jsonText) }, decode: { $0[keyPath: path] = try $1.jsonObject() })
    }

    /// A text enumeration read as `fallback` when NULL.
    static func enumeration<E: RawRepresentable>(_ name: String, _ path: WritableKeyPath<Record, E>, fallback: E) -> Column
    where E.RawValue == String {
        let read = reader(path)
        return Column(name: name, encode: { .text(read($0).rawValue) },
               decode: { $0[keyPath: path] = try $1.optionalEnum(E.self) ?? fallback })
    }

    /// An optional text enumeration.
    static func enumeration<E: RawRepresentable>(_ name: String, _ path: WritableKeyPath<Record, E?>) -> Column
    where E.RawValue == String {
        let read = reader(path)
        return Column(name: name, encode: { .optional(read($0)?.rawValue, SQLValue.text) },
               decode: { $0[keyPath: path] = try $1.optionalEnum(E.self) })
    }

    /// A function reading `path` from a record: straight from the record's memory when the
    /// path names stored properties, as every column's does, which spares the key path's
    /// runtime lookup on each of the millions of values a writer encodes.
    private static func reader<Value>(_ path: WritableKeyPath<Record, Value>) -> (UnsafePointer<Record>) -> Value {
        guard let offset = MemoryLayout<Record>.offset(of: path) else { return { $0.pointee[keyPath: path] } }
        return { UnsafeRawPointer($0).advanced(by: offset).assumingMemoryBound(to: Value.self).pointee }
    }
}
