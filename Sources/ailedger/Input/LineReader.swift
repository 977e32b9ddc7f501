import Foundation

/// Reads a file's lines, 64 KiB at a time, on a dispatch queue of its own so the blocking
/// reads never run on Swift's cooperative pool.
final class LineReader: @unchecked Sendable {
    private let read: @Sendable () throws -> Data?
    private let queue = DispatchQueue(label: "ailedger.line-reader")
    private var pending: [UInt8] = []
    private var finished = false

    init(_ handle: FileHandle) { read = { try handle.read(upToCount: 1 << 16) } }

    /// Reads the decompressed members of a gzip file.
    init(_ members: GzipMembers) { read = { try members.next() } }

    /// The next line without its line break; nil at the end of the file.
    func next() async throws -> String? {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            if finished {
                guard !pending.isEmpty else { return nil }
                defer { pending = [] }
                return String(decoding: pending, as: UTF8.self)
            }
            let chunk: Data? = try await withCheckedThrowingContinuation { continuation in
                queue.async { [read] in continuation.resume(with: Result { try read() }) }
            }
            if let chunk, !chunk.isEmpty { pending += chunk } else { finished = true }
        }
    }
}
