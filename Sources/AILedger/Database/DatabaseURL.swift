/// A parsed connection URL: `scheme://user:password@host:port/path?key=value`, or an
/// opaque form such as `sqlite::memory:`. The authority may list several hosts,
/// `host1:5432,host2:5432`, for drivers that fail over between them.
///
/// Its description is redacted: the password (and any `password` query parameter) is
/// replaced by `***`, so a URL can be logged or put in an error safely.
public struct DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    /// The scheme, lowercased (`postgres`, `sqlite`).
    public let scheme: String
    /// The user name, percent-decoded.
    public let user: String?
    /// The password, percent-decoded. Never printed.
    public let password: String?
    /// The host name or address, percent-decoded (a socket directory may be given so); the
    /// first one when the URL lists several.
    public let host: String?
    /// The port (of the first host).
    public let port: Int?
    /// Every host the URL lists, in order; empty when it names none.
    public let endpoints: [DatabaseEndpoint]
    /// The path after the authority, percent-decoded (`/db`), or the opaque part after
    /// `scheme:` when the URL has no `//`.
    public let path: String
    /// Whether the URL had a `//` authority.
    public let hasAuthority: Bool
    /// The query parameters, percent-decoded, in order.
    public private(set) var queryItems: [(name: String, value: String)]

    /// Parses `string`, throwing `LedgerError.Kind.invalidURL` with the problem named.
    public init(_ string: String) throws {
        let trimmed = string.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.firstIndex(of: ":"), colon != trimmed.startIndex else {
            throw LedgerError(.invalidURL, "'\(DatabaseURL.redact(trimmed))' has no scheme; expected e.g. sqlite:///path/app.db or postgres://user@host/db")
        }
        let scheme = trimmed[..<colon].lowercased()
        guard scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
              scheme.first?.isLetter == true else {
            throw LedgerError(.invalidURL, "'\(DatabaseURL.redact(trimmed))' has an invalid scheme")
        }
        self.scheme = scheme
        var rest = Substring(trimmed[trimmed.index(after: colon)...])
        // A '/', '?' or '#' in a password must be percent-encoded; otherwise it would be read
        // as the path or query, and part of the password could end up in a message. An '@'
        // in the path, in a query parameter's name or after a '#' means just that; one in a
        // query value (`sslrootcert=/home/a@b/ca.pem`) is fine.
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let authorityEnd = afterSlashes.firstIndex(where: { "/?#".contains($0) }) ?? afterSlashes.endIndex
            if !afterSlashes[..<authorityEnd].isEmpty, DatabaseURL.hasStrayAt(afterSlashes[authorityEnd...]) {
                throw LedgerError(.invalidURL,
                    "'\(DatabaseURL.redact(trimmed))': a '/', '?', '#' or '@' in the user name or password must be percent-encoded (%2F, %3F, %23, %40)")
            }
        }
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var items: [(String, String)] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = DatabaseURL.percentDecode(parts[0]),
                  let value = DatabaseURL.percentDecode(parts.count > 1 ? parts[1] : ""), !name.isEmpty else {
                throw LedgerError(.invalidURL, "'\(DatabaseURL.redact(trimmed))' has a malformed query parameter")
            }
            items.append((name, value))
        }
        self.queryItems = items

        guard rest.hasPrefix("//") else {
            hasAuthority = false
            user = nil; password = nil; host = nil; port = nil; endpoints = []
            guard let decoded = DatabaseURL.percentDecode(rest) else {
                throw LedgerError(.invalidURL, "'\(DatabaseURL.redact(trimmed))' has a malformed percent-escape")
            }
            path = decoded
            return
        }
        hasAuthority = true
        rest = rest.dropFirst(2)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<slash]
        guard let decodedPath = DatabaseURL.percentDecode(rest[slash...]) else {
            throw LedgerError(.invalidURL, "'\(DatabaseURL.redact(trimmed))' has a malformed percent-escape in its path")
        }
        path = decodedPath
        var user: String?, password: String?
        if let at = authority.lastIndex(of: "@") {
            let info = authority[..<at]
            authority = authority[authority.index(after: at)...]
            let parts = info.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            user = DatabaseURL.percentDecode(parts[0])
            password = parts.count > 1 ? DatabaseURL.percentDecode(parts[1]) : nil
            guard user != nil, parts.count == 1 || password != nil else {
                throw LedgerError(.invalidURL, "'\(DatabaseURL.redact(trimmed))' has a malformed percent-escape in its credentials")
            }
        }
        self.user = user.flatMap { $0.isEmpty ? nil : $0 }
        self.password = password
        var endpoints: [DatabaseEndpoint] = []
        var firstPort: Int??
        let parts = authority.split(separator: ",", omittingEmptySubsequences: false)
        for part in parts {
            let (host, port) = try DatabaseURL.endpoint(part, in: trimmed)
            if firstPort == nil { firstPort = .some(port) }
            guard let host else {
                // `postgres://:5433/db`: the default host, another port.
                guard parts.count == 1 else {
                    throw LedgerError(.invalidURL, "'\(DatabaseURL.redact(trimmed))' has an empty host in its list of hosts")
                }
                continue
            }
            endpoints.append(DatabaseEndpoint(host: host, port: port))
        }
        self.endpoints = endpoints
        self.host = endpoints.first?.host
        self.port = firstPort ?? nil
    }

    /// One `host`, `host:port` or `[v6]:port` of the authority; the host nil when empty.
    private static func endpoint(_ text: Substring, in trimmed: String) throws -> (host: String?, port: Int?) {
        var hostPart = text
        var port: Int?
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else {
                throw LedgerError(.invalidURL, "'\(DatabaseURL.redact(trimmed))' has an unclosed IPv6 address")
            }
            let after = hostPart[hostPart.index(after: close)...]
            hostPart = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw LedgerError(.invalidURL, "'\(DatabaseURL.redact(trimmed))' has junk after its IPv6 address")
                }
                port = try DatabaseURL.parsePort(after.dropFirst(), in: trimmed)
            }
        } else if let portColon = hostPart.lastIndex(of: ":") {
            port = try DatabaseURL.parsePort(hostPart[hostPart.index(after: portColon)...], in: trimmed)
            hostPart = hostPart[..<portColon]
        }
        guard let decodedHost = DatabaseURL.percentDecode(hostPart) else {
            throw LedgerError(.invalidURL, "'\(DatabaseURL.redact(trimmed))' has a malformed percent-escape in its host")
        }
        return (decodedHost.isEmpty ? nil : decodedHost, port)
    }

    /// The URL without query parameter `name`.
    public func removingQuery(_ name: String) -> DatabaseURL {
        var copy = self
        copy.queryItems.removeAll { $0.name == name }
        return copy
    }

    /// The value of query parameter `name`, if present.
    public func query(_ name: String) -> String? {
        queryItems.last(where: { $0.name == name })?.value
    }

    /// The value of integer query parameter `name`, checked against `range`.
    public func intQuery(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = query(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw LedgerError(.invalidURL, "query parameter '\(name)' must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// The URL with its password hidden. An opaque URL (no `//`) that holds an `@` is
    /// shown with everything before its last `@` hidden.
    public var description: String {
        var text = scheme + ":"
        if !hasAuthority, path.contains("@") { return DatabaseURL.redact(text + path) }
        if hasAuthority {
            text += "//"
            if let user {
                text += user
                if password != nil { text += ":***" }
                text += "@"
            }
            text += endpoints.isEmpty ? (port.map { ":\($0)" } ?? "") : endpoints.map(\.description).joined(separator: ",")
        }
        text += path
        if !queryItems.isEmpty {
            text += "?" + queryItems.map { item in
                let secret = ["password", "pass", "sslpassword"].contains(item.name.lowercased())
                if item.name == "read_url" {
                    // Another URL, with its own password: shown as its own description shows it.
                    return "read_url=" + ((try? DatabaseURL(item.value))?.description ?? DatabaseURL.redact(item.value))
                }
                return "\(item.name)=\(secret ? "***" : item.value)"
            }.joined(separator: "&")
        }
        return text
    }

    public static func == (lhs: DatabaseURL, rhs: DatabaseURL) -> Bool {
        lhs.scheme == rhs.scheme && lhs.user == rhs.user && lhs.password == rhs.password && lhs.endpoints == rhs.endpoints
            && lhs.port == rhs.port && lhs.path == rhs.path && lhs.hasAuthority == rhs.hasAuthority
            && lhs.queryItems.map(\.name) == rhs.queryItems.map(\.name)
            && lhs.queryItems.map(\.value) == rhs.queryItems.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(description)
    }

    private static func parsePort(_ text: Substring, in url: String) throws -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else {
            throw LedgerError(.invalidURL, "'\(redact(url))' has an invalid port; expected a number from 1 to 65535")
        }
        return port
    }

    /// Hides the credentials of a URL that may not parse, for use in messages: everything
    /// between the scheme (and its `//`) and the last `@`, in any form, and the value of any
    /// password query parameter.
    static func redact(_ text: String) -> String {
        var result = text
        if let at = result.lastIndex(of: "@") {
            var keep = result.startIndex
            if let colon = result[..<at].firstIndex(of: ":"),
               result[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) {
                keep = result.index(after: colon)
                while keep < at, result[keep] == "/" { keep = result.index(after: keep) }
            }
            result = String(result[..<keep]) + "***" + String(result[at...])
        }
        // A read replica's URL, percent-encoded, hides its credentials from the search for '@'.
        for name in ["password=", "pass=", "sslpassword=", "read_url="] {
            var searchFrom = result.startIndex
            while let found = result.range(of: name, options: .caseInsensitive, range: searchFrom..<result.endIndex) {
                let valueEnd = result[found.upperBound...].firstIndex(of: "&") ?? result.endIndex
                result.replaceSubrange(found.upperBound..<valueEnd, with: "***")
                searchFrom = result.index(found.upperBound, offsetBy: 3)
            }
        }
        return result
    }

    /// Whether the text after an authority holds an '@' that no query value explains.
    private static func hasStrayAt(_ tail: Substring) -> Bool {
        let fragmentStart = tail.firstIndex(of: "#") ?? tail.endIndex
        if tail[fragmentStart...].contains("@") { return true }
        let queryStart = tail[..<fragmentStart].firstIndex(of: "?") ?? fragmentStart
        if tail[..<queryStart].contains("@") { return true }
        let query = tail[queryStart..<fragmentStart].dropFirst()
        return query.split(separator: "&").contains { item in
            let name = item.prefix { $0 != "=" }
            return name.contains("@")
        }
    }

    static func percentDecode<S: StringProtocol>(_ text: S) -> String? {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
