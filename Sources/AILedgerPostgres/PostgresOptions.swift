import AILedger

/// What a `postgres://` URL asks for: libpq connection keywords plus the pool size.
struct PostgresOptions: Sendable {
    /// libpq keywords and values, in order.
    var keywords: [(String, String)] = []
    var poolSize = 5
    /// A redacted form for messages.
    var display: String

    /// Query parameters passed through to libpq as they are.
    private static let passedThrough: Set = [
        "sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "application_name", "connect_timeout", "host", "port",
        "options", "target_session_attrs", "gssencmode", "keepalives", "keepalives_idle", "tcp_user_timeout",
    ]

    init(url: DatabaseURL) throws {
        display = url.description
        guard url.hasAuthority else {
            throw LedgerError(.invalidURL, "'\(url)' must look like postgres://user:password@host:5432/database")
        }
        // Several hosts go to libpq as its lists (`host=h1,h2 port=5432,5433`, an empty port
        // for the default), which it tries in order, honouring `target_session_attrs`.
        if url.endpoints.count > 1 {
            keywords.append(("host", url.endpoints.map(\.host).joined(separator: ",")))
            if url.endpoints.contains(where: { $0.port != nil }) {
                keywords.append(("port", url.endpoints.map { $0.port.map(String.init) ?? "" }.joined(separator: ",")))
            }
        } else {
            if let host = url.host { keywords.append(("host", host)) }
            if let port = url.port { keywords.append(("port", String(port))) }
        }
        if let user = url.user { keywords.append(("user", user)) }
        if let password = url.password { keywords.append(("password", password)) }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        if !database.isEmpty {
            guard !database.contains("/") else {
                throw LedgerError(.invalidURL, "'\(url)' has a path with several segments; the path is the database name")
            }
            keywords.append(("dbname", database))
        }
        for item in url.queryItems {
            switch item.name {
            case "pool_size":
                poolSize = try url.intQuery("pool_size", in: 1...200) ?? poolSize
            case "connect_timeout":
                _ = try url.intQuery("connect_timeout", in: 0...3_600)
                keywords.append((item.name, item.value))
            case "sslmode":
                let modes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]
                guard modes.contains(item.value) else {
                    throw LedgerError(.invalidURL, "sslmode must be one of \(modes.joined(separator: ", "))")
                }
                keywords.append((item.name, item.value))
            case _ where Self.passedThrough.contains(item.name):
                keywords.append((item.name, item.value))
            default:
                throw LedgerError(.invalidURL,
                    "unknown query parameter '\(item.name)' for postgres; known: pool_size, \(Self.passedThrough.sorted().joined(separator: ", "))")
            }
        }
        if !keywords.contains(where: { $0.0 == "connect_timeout" }) { keywords.append(("connect_timeout", "10")) }
        if !keywords.contains(where: { $0.0 == "application_name" }) { keywords.append(("application_name", "ailedger")) }
        // Timestamps are exchanged in UTC and bytes in hex, whatever the server's defaults.
        let options = keywords.first(where: { $0.0 == "options" })?.1
        keywords.removeAll { $0.0 == "options" }
        keywords.append(("options", ([options, "-c TimeZone=UTC -c bytea_output=hex"].compactMap { $0 }).joined(separator: " ")))
    }
}
