/// One host of a database URL, with its port when the URL gives one.
public struct DatabaseEndpoint: Sendable, Hashable {
    /// The host name or address, percent-decoded (a socket directory may be given so).
    public let host: String
    /// The port, when given.
    public let port: Int?

    /// Creates an endpoint.
    public init(host: String, port: Int? = nil) {
        self.host = host
        self.port = port
    }

    /// The endpoint as a URL writes it: `host`, `host:port`, `[::1]:port`.
    public var description: String {
        (host.contains(":") ? "[\(host)]" : host) + (port.map { ":\($0)" } ?? "")
    }
}
