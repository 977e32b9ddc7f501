import AILedger

/// MySQL and MariaDB SQL: `?` placeholders, backquoted identifiers, `DATETIME(6)` in UTC,
/// and DDL that commits implicitly (so migrations record a dirty row first).
public struct MySQLDialect: SQLDialect {
    public init() {}
    public var name: String { "mysql" }
    public func placeholder(_ index: Int) -> String { "?" }
    public func quoteIdentifier(_ identifier: String) -> String {
        "`" + identifier.replacingOccurrences(of: "`", with: "``") + "`"
    }
    public var timestampType: String { "DATETIME(6)" }
    public var beginTransaction: String { "START TRANSACTION" }
    public var supportsTransactionalDDL: Bool { false }
    public var maxParameters: Int { 65_535 }
    /// A no-op update: unlike `INSERT IGNORE`, it skips only duplicate keys, not other errors.
    public func ignoreDuplicatesClause(primaryKey: String) -> String {
        let column = quoteIdentifier(primaryKey)
        return "ON DUPLICATE KEY UPDATE \(column) = \(column)"
    }
}
