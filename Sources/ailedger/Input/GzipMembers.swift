import CompressNIO
import Foundation
import NIOCore

/// The decompressed members of a gzip file, one at a time (a retention archive is one
/// member per batch). Called on `LineReader`'s own queue: it reads the file there.
final class GzipMembers: @unchecked Sendable {
    private let path: String
    private var compressed: ByteBuffer?

    init(path: String) { self.path = path }

    /// The next member's bytes; nil after the last.
    func next() throws -> Data? {
        if compressed == nil {
            guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileReadNoPermission) }
            compressed = ByteBuffer(bytes: data)
        }
        guard var buffer = compressed, buffer.readableBytes > 0 else { return nil }
        let member = try buffer.decompress(with: .gzip())
        compressed = buffer
        return Data(member.readableBytesView)
    }
}
