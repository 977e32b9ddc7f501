import Foundation

/// Checks a record's fields before it reaches the database, collecting the first problem
/// as a `LedgerError.Kind.invalidRecord` that names the field.
struct RecordValidator {
    /// The longest text a payload field may hold: 16 MiB, what every backend stores.
    static let maxTextBytes = 16 * 1024 * 1024
    /// The longest short field (ids, names, codes): 255 Unicode scalars, what a MySQL
    /// `VARCHAR(255)` holds (at most 1,020 bytes of UTF-8).
    static let maxShortLength = 255
    /// The largest token count one record may carry: 10^12, so that sums over billions of
    /// records still fit the 64-bit integers every backend aggregates in.
    static let maxTokenCount: Int64 = 1_000_000_000_000
    /// The deepest nesting a JSON field may have.
    static let maxJSONDepth = 100

    let record: String

    func short(_ value: String?, _ field: String, required: Bool = false) throws {
        guard let value else {
            if required { throw LedgerError.invalid("\(record).\(field)", "is required") }
            return
        }
        if required && value.isEmpty { throw LedgerError.invalid("\(record).\(field)", "must not be empty") }
        // A scalar takes at least one byte: count scalars only for long texts. Scalars, not
        // characters: one character may join any number of combining marks.
        if value.utf8.count > Self.maxShortLength && value.unicodeScalars.count > Self.maxShortLength {
            throw LedgerError.invalid("\(record).\(field)", "is longer than \(Self.maxShortLength) Unicode scalars")
        }
        try noNUL(value, field)
    }

    func text(_ value: String?, _ field: String) throws {
        guard let value else { return }
        if value.utf8.count > Self.maxTextBytes {
            throw LedgerError.invalid("\(record).\(field)", "is longer than \(Self.maxTextBytes) bytes (16 MiB)")
        }
        try noNUL(value, field)
    }

    func json(_ value: JSONValue?, _ field: String) throws {
        guard let value else { return }
        if case .object(let members) = value, members.isEmpty { return }  // metadata, most often
        switch value.shape(maxDepth: Self.maxJSONDepth) {
        case .fine: break
        case .notFinite: throw LedgerError.invalid("\(record).\(field)", "contains NaN or infinity, which JSON cannot hold")
        case .tooDeep: throw LedgerError.invalid("\(record).\(field)", "is nested deeper than \(Self.maxJSONDepth) levels")
        }
        // JSON text escapes NUL, so only its size can be wrong: write it only if it may be.
        if value.jsonTextBound > Self.maxTextBytes { try text(value.jsonText, field) }
    }

    func count(_ value: Int64?, _ field: String) throws {
        guard let value else { return }
        if value < 0 { throw LedgerError.invalid("\(record).\(field)", "must not be negative") }
        if value > Self.maxTokenCount {
            throw LedgerError.invalid("\(record).\(field)", "is over the limit of 10^12 tokens per record")
        }
    }

    func milliseconds(_ value: Double?, _ field: String) throws {
        if let value, !(value.isFinite && value >= 0) {
            throw LedgerError.invalid("\(record).\(field)", "must be a finite, non-negative number of milliseconds")
        }
    }

    func date(_ value: Date?, _ field: String) throws {
        if let value, !Timestamp.isStorable(value) {
            throw LedgerError.invalid("\(record).\(field)", "must lie between years 1 and 9999")
        }
    }

    private func noNUL(_ value: String, _ field: String) throws {
        // memchr over the string's own bytes; contains(0) walks them one at a time.
        let hasNUL = value.utf8.withContiguousStorageIfAvailable { $0.isEmpty ? false : memchr($0.baseAddress!, 0, $0.count) != nil }
            ?? value.utf8.contains(0)
        if hasNUL {
            throw LedgerError.invalid("\(record).\(field)", "contains a NUL character, which PostgreSQL text cannot store")
        }
    }
}
