import AILedger
import Foundation

extension LedgerError {
    /// Maps a SQLSTATE to a typed error, keeping the server's primary message (which
    /// names tables, columns and constraints) and never its detail (which shows values).
    init(sqlState: String, message: String) {
        let kind: Kind
        switch sqlState {
        case "23505": kind = .uniqueViolation
        case "23503": kind = .foreignKeyViolation
        case "23502": kind = .notNullViolation
        case "23514": kind = .checkViolation
        case "40001", "40P01", "55P03": kind = .serializationFailure
        case "28000", "28P01": kind = .authenticationFailed
        case _ where sqlState.hasPrefix("08"), "57P01", "57P02", "57P03": kind = .connectionFailed
        case "42P01": kind = .undefinedTable
        case _ where sqlState.hasPrefix("22"): kind = .invalidValue
        default: kind = .databaseError
        }
        // Out of disk or memory (class 53), a read-only server after failover, a statement
        // timeout, an operator's intervention: the server, not the statement, is at fault.
        let transient = sqlState.hasPrefix("53") || ["25006", "57014", "57000", "58030"].contains(sqlState)
        // Data exceptions quote the offending value (after a colon, or in double quotes):
        // keep only the kind of problem.
        var text = message
        if sqlState.hasPrefix("22") {
            if let colon = text.firstIndex(of: ":") { text = String(text[..<colon]) }
            text = Self.maskingQuoted(text, quote: "\"")
        }
        self.init(kind, text, isRetryable: transient ? true : nil, databaseCode: sqlState)
    }

    /// Replaces every `quote`-delimited part of `text` with `***`.
    static func maskingQuoted(_ text: String, quote: Character) -> String {
        var result = ""
        var inside = false
        for character in text {
            if character == quote {
                result.append(quote)
                if !inside { result += "***" }
                inside.toggle()
            } else if !inside {
                result.append(character)
            }
        }
        return result
    }

    /// Maps a failure to connect, judged from libpq's message.
    init(connectFailure message: String, url: String) {
        let lowered = message.lowercased()
        let authentication = ["password authentication failed", "no password supplied", "authentication failed"]
            .contains { lowered.contains($0) }
        self.init(authentication ? .authenticationFailed : .connectionFailed,
                  "cannot connect to \(url): \(message.trimmingCharacters(in: .whitespacesAndNewlines))",
                  isRetryable: !authentication)
    }
}
