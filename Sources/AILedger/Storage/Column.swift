import Foundation

/// One stored column of a record type: its name, how a record's value is written, and how
/// it is read back into a record. A record type lists its columns once, in its
/// `StoredRecord.stored` table; statements, inserts and reads all follow that list.
///
/// Immutable, and built only from key paths to stored properties: safe to share.
struct Column<Record>: @unchecked Sendable {
    /// The column's name in the table.
    let name: String
    /// The record's value for the column.
    let encode: (Record) -> SQLValue
    /// Reads the column's value from `reader` into the record.
    let decode: (inout Record, inout RowReader) throws -> Void

    static func uuid(_ name: String, _ path: WritableKeyPath<Record, UUID>) -> Column {
        Column(name: name, encode: { .uuid($0[keyPath: path]) }, decode: { $0[keyPath: path] = try $1.uuid() })
    }

    static func uuid(_ name: String, _ path: WritableKeyPath<Record, UUID?>) -> Column {
        Column(name: name, encode: { .optional($0[keyPath: path], SQLValue.uuid) }, decode: { $0[keyPath: path] = try $1.optionalUUID() })
    }

    static func text(_ name: String, _ path: WritableKeyPath<Record, String>) -> Column {
        Column(name: name, encode: { .text($0[keyPath: path]) }, decode: { $0[keyPath: path] = try $1.string() })
    }

    static func text(_ name: String, _ path: WritableKeyPath<Record, String?>) -> Column {
        Column(name: name, encode: { .optional($0[keyPath: path], SQLValue.text) }, decode: { $0[keyPath: path] = try $1.optionalString() })
    }

    static func time(_ name: String, _ path: WritableKeyPath<Record, Date>) -> Column {
        Column(name: name, encode: { .timestamp(Timestamp.microseconds($0[keyPath: path])) }, decode: { $0[keyPath: path] = try $1.date() })
    }

    static func integer(_ name: String, _ path: WritableKeyPath<Record, Int64?>) -> Column {
        Column(name: name, encode: { .optional($0[keyPath: path], SQLValue.integer) }, decode: { $0[keyPath: path] = try $1.optionalInt64() })
    }

    static func double(_ name: String, _ path: WritableKeyPath<Record, Double?>) -> Column {
        Column(name: name, encode: { .optional($0[keyPath: path], SQLValue.double) }, decode: { $0[keyPath: path] = try $1.optionalDouble() })
    }

    static func json(_ name: String, _ path: WritableKeyPath<Record, JSONValue?>) -> Column {
        Column(name: name, encode: { .optional($0[keyPath: path]?.jsonText, SQLValue.json) }, decode: { $0[keyPath: path] = try $1.optionalJSON() })
    }

    /// A JSON object column that is never NULL (`metadata`).
    static func object(_ name: String, _ path: WritableKeyPath<Record, [String: JSONValue]>) -> Column {
        Column(name: name, encode: { .json(JSONValue.object($0[keyPath: path]).jsonText) }, decode: { $0[keyPath: path] = try $1.jsonObject() })
    }

    /// A text enumeration read as `fallback` when NULL.
    static func enumeration<E: RawRepresentable>(_ name: String, _ path: WritableKeyPath<Record, E>, fallback: E) -> Column
    where E.RawValue == String {
        Column(name: name, encode: { .text($0[keyPath: path].rawValue) },
               decode: { $0[keyPath: path] = try $1.optionalEnum(E.self) ?? fallback })
    }

    /// An optional text enumeration.
    static func enumeration<E: RawRepresentable>(_ name: String, _ path: WritableKeyPath<Record, E?>) -> Column
    where E.RawValue == String {
        Column(name: name, encode: { .optional($0[keyPath: path]?.rawValue, SQLValue.text) },
               decode: { $0[keyPath: path] = try $1.optionalEnum(E.self) })
    }
}
