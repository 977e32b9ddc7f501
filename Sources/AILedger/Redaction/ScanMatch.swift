/// A value a detector found: its byte range in the scanned text.
package struct ScanMatch: Sendable, Equatable {
    /// The first byte of the value.
    package var start: Int
    /// One past the last byte.
    package var end: Int
    /// The built-in detector that found it; nil for a custom rule.
    package var detector: RedactionDetector?
    /// The custom rule that found it, by index in `RedactionPolicy.rules`.
    package var rule: Int = -1
}
