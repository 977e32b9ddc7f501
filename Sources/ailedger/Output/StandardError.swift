import Foundation

/// Writes notes for people to standard error, leaving standard output to data.
enum StandardError {
    static func print(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes `text` without a line break (a progress line redrawn with `\r`).
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
