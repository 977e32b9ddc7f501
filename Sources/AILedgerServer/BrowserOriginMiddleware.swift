import AILedger
import Foundation
import HTTPTypes
import Hummingbird

/// Keeps other web sites out of a browser's requests: a request that changes something
/// (anything but GET and HEAD) and that a browser marks as coming from another site
/// (`Sec-Fetch-Site: cross-site` or `same-site`, or an `Origin` other than the server's own
/// host) is refused with 403, whatever cookie or key it carries. Clients other than
/// browsers send neither header and are not concerned. Without keys
/// (`loopbackHostsOnly`), every request must also name a loopback host in `Host`, so
/// that a page on another site cannot reach the server by rebinding its own name to
/// 127.0.0.1.
struct BrowserOriginMiddleware<Context: RequestContext>: RouterMiddleware {
    let loopbackHostsOnly: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let host = request.head.authority ?? ""
        if loopbackHostsOnly, !Self.isLoopback(host) {
            throw APIError(.forbidden, "host", "without keys the server answers only requests to a loopback host (localhost, 127.0.0.1, [::1])")
        }
        if request.method != .get && request.method != .head {
            let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!]?.lowercased()
            let origin = request.headers[.origin]
            if site == "cross-site" || site == "same-site" || (origin != nil && !Self.origin(origin ?? "", isHost: host)) {
                throw APIError(.forbidden, "cross_origin", "a browser request from another site may not change anything here")
            }
        }
        return try await next(request, context)
    }

    /// Whether `origin` (`http://host:port`) names `host` (`host:port`).
    static func origin(_ origin: String, isHost host: String) -> Bool {
        guard let schemeEnd = origin.range(of: "://") else { return false }
        let named = origin[schemeEnd.upperBound...].lowercased()
        let host = host.lowercased()
        if named == host { return true }
        // A default port may be left out of one and not the other.
        let defaultPort = origin.lowercased().hasPrefix("https") ? ":443" : ":80"
        return named + defaultPort == host || named == host + defaultPort
    }

    /// Whether the host part of `authority` is a loopback name or address.
    static func isLoopback(_ authority: String) -> Bool {
        var name = authority.lowercased()
        if name.hasPrefix("[") {
            name = String(name.dropFirst().prefix { $0 != "]" })
        } else if let colon = name.lastIndex(of: ":") {
            name = String(name[..<colon])
        }
        return name == "localhost" || name.hasSuffix(".localhost") || name == "::1" || name.hasPrefix("127.")
    }
}
