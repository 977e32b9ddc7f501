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

    // The checks below run for every field of every record, on the caller's path, where a
    // call after an idle spell pays for each line of code it touches: the text checks are
    // each one compact function rather than inlined at every field, and the others inline
    // only the test that passes, calling out of line to say what is wrong.

    @inline(never)
    func short(_ value: String?, _ field: String, required: Bool = false) throws {
        guard let value else {
            if required { try fail(field, "is required") }
            return
        }
        let bytes = value.utf8.count
        // A scalar takes at least one byte: count scalars only for long texts.
        if (required && bytes == 0) || bytes > Self.maxShortLength || Self.hasNUL(value) {
            try shortProblem(value, field, required: required)
        }
    }

    @inline(never)
    private func shortProblem(_ value: String, _ field: String, required: Bool) throws {
        if required && value.isEmpty { try fail(field, "must not be empty") }
        // Scalars, not characters: one character may join any number of combining marks.
        if value.unicodeScalars.count > Self.maxShortLength {
            try fail(field, "is longer than \(Self.maxShortLength) Unicode scalars")
        }
        if Self.hasNUL(value) { try failNUL(field) }
    }

    @inline(never)
    func text(_ value: String?, _ field: String) throws {
        guard let value else { return }
        let bytes = value.utf8.count
        if bytes > Self.maxTextBytes { try fail(field, "is longer than \(Self.maxTextBytes) bytes (16 MiB)") }
        if Self.hasNUL(value) { try failNUL(field) }
    }

    @inline(__always)
    func json(_ value: JSONValue?, _ field: String) throws {
        guard let value else { return }
        if case .object(let members) = value, members.isEmpty { return }  // metadata, most often
        try jsonShape(value, field)
    }

    @inline(never)
    private func jsonShape(_ value: JSONValue, _ field: String) throws {
        switch value.shape(maxDepth: Self.maxJSONDepth) {
        case .fine: break
        case .notFinite: try fail(field, "contains NaN or infinity, which JSON cannot hold")
        case .tooDeep: try fail(field, "is nested deeper than \(Self.maxJSONDepth) levels")
        }
        // JSON text escapes NUL, so only its size can be wrong: write it only if it may be.
        if value.jsonTextBound > Self.maxTextBytes { try text(value.jsonText, field) }
    }

    @inline(__always)
    func count(_ value: Int64?, _ field: String) throws {
        // One comparison: a negative count is a huge unsigned one.
        if let value, UInt64(bitPattern: value) > UInt64(Self.maxTokenCount) {
            try fail(field, value < 0 ? "must not be negative" : "is over the limit of 10^12 tokens per record")
        }
    }

    @inline(__always)
    func milliseconds(_ value: Double?, _ field: String) throws {
        if let value, !(value.isFinite && value >= 0) {
            try fail(field, "must be a finite, non-negative number of milliseconds")
        }
    }

    @inline(__always)
    func date(_ value: Date?, _ field: String) throws {
        if let value, !Timestamp.isStorable(value) { try fail(field, "must lie between years 1 and 9999") }
    }

    /// Whether `value` holds a NUL, which PostgreSQL text cannot store.
    @inline(__always)
    private static func hasNUL(_ value: String) -> Bool {
        // Sixteen bytes at a time as two words, then byte by byte: inline here rather than a
        // call to the C library's `memchr`, so that a record's checks touch little code beside
        // their own after an idle spell. A word has a zero byte exactly when subtracting one
        // from each byte borrows into a high bit that was clear.
        value.utf8.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress else { return false }
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let count = buffer.count
            var index = 0
            while index + 16 <= count {
                let a = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let b = UnsafeRawPointer(base + index + 8).loadUnaligned(as: UInt64.self)
                if ((a &- ones) & ~a | (b &- ones) & ~b) & highs != 0 { return true }
                index += 16
            }
            while index < count {
                if base[index] == 0 { return true }
                index += 1
            }
            return false
        } ?? value.utf8.contains(0)
    }

    @inline(never)
    private func failNUL(_ field: String) throws -> Never {
        try fail(field, "contains a NUL character, which PostgreSQL text cannot store")
    }

    @inline(never)
    private func fail(_ field: String, _ problem: String) throws -> Never {
        throw LedgerError.invalid("\(record).\(field)", problem)
    }
}
