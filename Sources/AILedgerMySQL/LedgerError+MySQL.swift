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
        case 2002, 2003, 2005, 2006, 2013, 2026, 2055, 1927, 4031: kind = .connectionFailed
        default: kind = .databaseError
        }
        self.init(kind, Self.redactingQuotedValue(message), databaseCode: "\(code)/\(sqlState)")
    }

    /// `Duplicate entry 'x' for key 'k'` → `Duplicate entry '***' for key 'k'`;
    /// `Incorrect integer value: 'x' for column` → `Incorrect integer value: '***' for column`.
    static func redactingQuotedValue(_ message: String) -> String {
        for marker in ["entry '", "value: '", "value '"] {
            guard let start = message.range(of: marker),
                  let end = message.range(of: "' for ", range: start.upperBound..<message.endIndex) else { continue }
            return message.replacingCharacters(in: start.upperBound..<end.lowerBound, with: "***")
        }
        return message
    }
}
