import Foundation

/// A plain JSON Lines file retention archives into (`ailedger retention apply --archive
/// FILE.jsonl`); `ailedger ingest FILE.jsonl` loads it back.
public struct JSONLinesArchiveFile: RetentionArchiveFile {
    public let path: String

    /// The file at `path`, made (readable by its owner only) on the first append.
    public init(path: String) { self.path = path }

    public func size() throws -> UInt64 {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        return (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value ?? 0
    }

    public func append(_ lines: [String]) throws {
        try append(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    public func truncate(to size: UInt64) throws {
        guard FileManager.default.fileExists(atPath: path), let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        try handle.truncate(atOffset: size)
        try handle.synchronize()
    }

    /// Appends `data` and makes it durable.
    package func append(_ data: Data) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw LedgerError(.invalidConfiguration, "cannot create the archive file \(path)")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw LedgerError(.invalidConfiguration, "cannot write the archive file \(path)")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }
}
