import AILedger

extension LedgerError {
    /// Maps a MySQL / MariaDB error number to a typed error. Messages that quote a value
    /// (duplicate entries, incorrect values) have the value replaced by `***`.
    init(mysqlErrno code: UInt32, message: String, sqlState: String) {
        let kind: Kind
        switch code {
        case 1062, 1586: kind = .uniqueViolation
        case 1216, 1217, 1451, 1452: kind = .foreignKeyViolation
        case 1048, 1364: kind = .notNullViolation
        case 3819, 4025: kind = .checkViolation
        case 1205, 1213: kind = .serializationFailure
        case 1044, 1045, 1698: kind = .authenticationFailed
        // 1047: a Galera node not synced with its cluster (WSREP has not yet prepared the node).
        case 2002, 2003, 2005, 2006, 2013, 2026, 2055, 1927, 4031, 1053, 1077, 1152, 1153, 1158, 1159, 1160, 1161, 1047:
            kind = .connectionFailed
        case 1146: kind = .undefinedTable
        // Out of range, truncated, too long, an incorrect value for its column, invalid JSON.
        case 1264, 1265, 1292, 1366, 1367, 1406, 1416, 3140, 4078: kind = .invalidValue
        default: kind = .databaseError
        }
        // A full disk or table, a read-only server after failover, a lock wait or statement
        // timeout: the server, not the statement, is at fault.
        let transient = [1021, 1037, 1041, 1114, 1290, 1836, 1792, 3024, 1969].contains(code)
        self.init(kind, Self.redactingQuotedValue(message), isRetryable: transient ? true : nil,
                  databaseCode: "\(code)/\(sqlState)")
    }

    /// Masks the values a message quotes, keeping the names that locate the problem:
    /// `Duplicate entry 'x' for key 'PRIMARY'` → `Duplicate entry '***' for key 'PRIMARY'`.
    static func redactingQuotedValue(_ message: String) -> String {
        // A quoted value may itself contain quotes: mask up to the last "' for " (or the last quote).
        for marker in ["entry '", "value: '", "value '"] {
            guard let start = message.range(of: marker) else { continue }
            let tail = message[start.upperBound...]
            let end = tail.range(of: "' for ", options: .backwards)?.lowerBound ?? tail.lastIndex(of: "'") ?? tail.endIndex
            return String(message[..<start.upperBound]) + "***" + String(message[end...])
        }
        // Elsewhere, mask quoted parts that do not follow a word naming a schema object.
        let keepAfter = ["key ", "column ", "field ", "table ", "database ", "user ", "constraint "]
        var result = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "'") {
            result += rest[..<open]
            let afterOpen = rest[rest.index(after: open)...]
            // An apostrophe inside a word ("doesn't") opens nothing.
            if let previous = result.last, previous.isLetter || previous.isNumber {
                result += "'"
                rest = afterOpen
                continue
            }
            guard let close = afterOpen.firstIndex(of: "'") else { return result + "'***" }
            let isName = keepAfter.contains { result.lowercased().hasSuffix($0) }
            result += "'" + (isName ? String(afterOpen[..<close]) : "***") + "'"
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        return result + rest
    }
}
