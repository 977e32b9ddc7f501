import AILedger

/// Assertions for conformance cases: each throws a `ConformanceFailure` when it fails, so
/// the suite runs under any test framework.
public enum Expect {
    /// Fails unless `condition` holds.
    public static func that(_ condition: Bool, _ message: @autoclosure () -> String,
                            file: String = #fileID, line: Int = #line) throws {
        if !condition { throw ConformanceFailure(message: message(), location: "\(file):\(line)") }
    }

    /// Fails unless `actual == expected`.
    public static func equal<T: Equatable>(_ actual: T, _ expected: T, _ what: @autoclosure () -> String = "",
                                           file: String = #fileID, line: Int = #line) throws {
        if actual != expected {
            let label = what().isEmpty ? "" : "\(what()): "
            throw ConformanceFailure(message: "\(label)expected \(expected), got \(actual)", location: "\(file):\(line)")
        }
    }

    /// Fails unless both are nil, or `actual` lies within `relative` of `expected`.
    public static func near(_ actual: Double?, _ expected: Double?, relative: Double, _ what: @autoclosure () -> String = "",
                            file: String = #fileID, line: Int = #line) throws {
        let close: Bool
        switch (actual, expected) {
        case (nil, nil): close = true
        case let (a?, e?): close = abs(a - e) <= relative * abs(e) + 1e-9
        default: close = false
        }
        if !close {
            let label = what().isEmpty ? "" : "\(what()): "
            let shown = { (value: Double?) -> String in value.map { "\($0)" } ?? "nil" }
            throw ConformanceFailure(message: "\(label)expected \(shown(expected)) within \(relative * 100)%, got \(shown(actual))",
                                     location: "\(file):\(line)")
        }
    }

    /// Fails unless `body` throws a `LedgerError` of `kind`; returns that error.
    @discardableResult
    public static func error(_ kind: LedgerError.Kind, file: String = #fileID, line: Int = #line,
                             _ body: () async throws -> Void) async throws -> LedgerError {
        do {
            try await body()
        } catch let error as LedgerError {
            if error.kind == kind { return error }
            throw ConformanceFailure(message: "expected a \(kind) error, got \(error)", location: "\(file):\(line)")
        } catch {
            throw ConformanceFailure(message: "expected a \(kind) LedgerError, got \(error)", location: "\(file):\(line)")
        }
        throw ConformanceFailure(message: "expected a \(kind) error, but nothing was thrown", location: "\(file):\(line)")
    }

    /// Fails when `value` is nil; returns it unwrapped.
    public static func some<T>(_ value: T?, _ what: @autoclosure () -> String,
                               file: String = #fileID, line: Int = #line) throws -> T {
        guard let value else { throw ConformanceFailure(message: "\(what()): expected a value, got nil", location: "\(file):\(line)") }
        return value
    }
}
