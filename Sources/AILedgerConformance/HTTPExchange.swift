import AILedger
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP request to a server under test, and its answer read as JSON.
public struct HTTPExchange: Sendable {
    /// The status code.
    public let status: Int
    /// The body, parsed; `.null` when it is not JSON.
    public let json: JSONValue
    /// The body as text.
    public let text: String
    /// The body as sent.
    public let body: Data
    /// The response's headers, by lowercased name.
    public let headers: [String: String]

    /// Sends `method` `path` to `base` with `body` (raw bytes) and reads the answer.
    public static func send(_ method: String, _ base: String, _ path: String, body: Data? = nil,
                            headers: [String: String] = [:]) async throws -> HTTPExchange {
        guard let url = URL(string: base + path) else { throw ConformanceFailure(message: "bad URL \(path)", location: #fileID) }
        var request = URLRequest(url: url, timeoutInterval: 30)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let text = String(decoding: data, as: UTF8.self)
        var headers: [String: String] = [:]
        for (name, value) in (response as? HTTPURLResponse)?.allHeaderFields ?? [:] {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return HTTPExchange(status: status, json: (try? JSONValue(jsonText: text)) ?? .null, text: text, body: data, headers: headers)
    }

    /// Sends `value` as JSON.
    public static func send(_ method: String, _ base: String, _ path: String, json value: JSONValue) async throws -> HTTPExchange {
        try await send(method, base, path, body: Data(value.jsonText.utf8))
    }

    /// The value at `path` (object keys and array indexes) in the body.
    public subscript(_ path: Any...) -> JSONValue? {
        var current = json
        for step in path {
            switch (current, step) {
            case (.object(let fields), let key as String): guard let next = fields[key] else { return nil }; current = next
            case (.array(let items), let index as Int): guard items.indices.contains(index) else { return nil }; current = items[index]
            default: return nil
            }
        }
        return current
    }
}
