import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One keep-alive HTTP/1.1 connection to the server on loopback, driven by one thread with
/// blocking socket calls: the load generator stays out of the server's way and out of
/// Swift's cooperative thread pool.
final class LoadConnection {
    private let socket: Int32
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw LoadError("socket() failed") }
        var one: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw LoadError("connect() to port \(port) failed")
        }
    }

    deinit { close(socket) }

    /// `request` (a whole HTTP request) sent, and the response's status and body.
    func send(_ request: [UInt8]) throws -> (status: Int, body: String) {
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { write(socket, $0.baseAddress! + sent, request.count - sent) }
            guard n > 0 else { throw LoadError("write() failed") }
            sent += n
        }
        var received: [UInt8] = []
        var headerEnd: Int?
        var bodyLength = 0
        while true {
            if let end = headerEnd, received.count >= end + bodyLength { break }
            let n = buffer.withUnsafeMutableBytes { read(socket, $0.baseAddress!, $0.count) }
            guard n > 0 else { throw LoadError("the server closed the connection") }
            received.append(contentsOf: buffer[0..<n])
            if headerEnd == nil, let end = Self.find([13, 10, 13, 10], in: received) {
                headerEnd = end + 4
                let head = String(decoding: received[0..<end], as: UTF8.self).lowercased()
                for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                    bodyLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
        }
        let head = String(decoding: received[0..<headerEnd!], as: UTF8.self)
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, String(decoding: received[headerEnd!..<(headerEnd! + bodyLength)], as: UTF8.self))
    }

    /// A POST of `body` to `path`, as bytes.
    static func post(_ path: String, body: String) -> [UInt8] {
        let bytes = Array(body.utf8)
        return Array("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(bytes.count)\r\n\r\n".utf8)
            + bytes
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }
}
