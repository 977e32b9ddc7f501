import AILedger

/// What a `mysql://` URL asks for.
struct MySQLOptions: Sendable {
    var host: String?
    var port: UInt32 = 3306
    /// Every host of the URL with its port, tried in order; one entry for a single host.
    var endpoints: [(host: String?, port: UInt32)] = []
    var socket: String?
    var user: String?
    var password: String?
    var database: String?
    var poolSize = 5
    var connectTimeout: UInt32 = 10
    var tls: TLS = .preferred
    var sslCA: String?
    /// Whether batches go as array-bound executes when the server takes them.
    var arrayBinding = true
    /// A redacted form for messages.
    var display: String

    enum TLS: String, Sendable { case disabled, preferred, required, verifyIdentity = "verify_identity" }

    init(url: DatabaseURL) throws {
        display = url.description
        guard url.hasAuthority else {
            throw LedgerError(.invalidURL, "'\(url)' must look like mysql://user:password@host:3306/database")
        }
        if let host = url.host, host.hasPrefix("/") { socket = host } else { host = url.host }
        if let port = url.port { self.port = UInt32(port) }
        if url.endpoints.count > 1 {
            guard !url.endpoints.contains(where: { $0.host.hasPrefix("/") }) else {
                throw LedgerError(.invalidURL, "'\(url)': a list of hosts cannot hold a socket path")
            }
            endpoints = url.endpoints.map { ($0.host, $0.port.map(UInt32.init) ?? 3306) }
        } else {
            endpoints = [(host, port)]
        }
        user = url.user
        password = url.password
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        if !path.isEmpty {
            guard !path.contains("/") else {
                throw LedgerError(.invalidURL, "'\(url)' has a path with several segments; the path is the database name")
            }
            database = path
        }
        for item in url.queryItems {
            switch item.name {
            case "pool_size": poolSize = try url.intQuery("pool_size", in: 1...200) ?? poolSize
            case "connect_timeout": connectTimeout = UInt32(try url.intQuery("connect_timeout", in: 1...3_600) ?? 10)
            case "socket": socket = item.value
            case "ssl_ca": sslCA = item.value
            case "array_binding":
                switch item.value.lowercased() {
                case "on", "true", "1": arrayBinding = true
                case "off", "false", "0": arrayBinding = false
                default: throw LedgerError(.invalidURL, "array_binding must be on or off")
                }
            case "ssl_mode", "tls":
                guard let mode = TLS(rawValue: item.value.lowercased()) else {
                    throw LedgerError(.invalidURL, "ssl_mode must be disabled, preferred, required or verify_identity")
                }
                tls = mode
            default:
                throw LedgerError(.invalidURL,
                    "unknown query parameter '\(item.name)' for mysql; known: pool_size, connect_timeout, socket, ssl_mode, ssl_ca, array_binding")
            }
        }
    }
}
