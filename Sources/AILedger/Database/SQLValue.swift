import Foundation

/// A value bound to a statement or read from a row.
///
/// The semantic cases (`uuid`, `timestamp`, `json`, `bool`) let each driver bind the
/// database's native type: `uuid` is a real `uuid` on PostgreSQL and text on SQLite.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])
    case bool(Bool)
    case uuid(UUID)
    /// Microseconds since the Unix epoch, UTC.
    case timestamp(Int64)
    /// JSON document text.
    case json(String)
}

extension SQLValue {
    /// `.null` for nil, else the wrapped conversion.
    static func optional<T>(_ value: T?, _ wrap: (T) -> SQLValue) -> SQLValue {
        value.map(wrap) ?? .null
    }
}
