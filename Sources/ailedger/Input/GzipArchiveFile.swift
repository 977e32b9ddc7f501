import AILedger
import CompressNIO
import Foundation
import NIOCore

/// A gzip JSON Lines archive (`--archive FILE.jsonl.gz`): each batch one gzip member, so
/// the file is whole after every append and `zcat`, `gunzip` and `ailedger ingest` read it.
struct GzipArchiveFile: RetentionArchiveFile {
    let plain: JSONLinesArchiveFile
    var path: String { plain.path }

    init(path: String) { plain = JSONLinesArchiveFile(path: path) }

    func size() throws -> UInt64 { try plain.size() }

    func append(_ lines: [String]) throws {
        var text = ByteBuffer(string: lines.joined(separator: "\n") + "\n")
        let member = try text.compress(with: .gzip())
        try plain.append(Data(member.readableBytesView))
    }

    func truncate(to size: UInt64) throws { try plain.truncate(to: size) }
}
