import AILedger
import Foundation
import HTTPTypes
import Hummingbird

extension LedgerServer {
    /// Serves the dashboard: the page at `/`, its script and style sheet, and sign-in with a
    /// `read` or `admin` key into an HttpOnly, SameSite=Strict session cookie.
    func addDashboardRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("") { _, _ in Self.asset("index.html") }
        router.get("dashboard/assets/:file") { request, context in
            let name = context.parameters.get("file") ?? ""
            guard name != "index.html", DashboardAssets.files[name] != nil else {
                throw APIError(.notFound, "not_found", "no dashboard file has this name")
            }
            return Self.asset(name, ifNoneMatch: request.headers[.ifNoneMatch])
        }
        router.get("dashboard/session") { request, _ in try await session(request) }
        router.post("dashboard/session") { request, _ in try await signIn(request) }
        router.delete("dashboard/session") { request, _ in try signOut(request) }
    }

    /// The one bucket every sign-in attempt takes from.
    private static let signInBucket = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// A dashboard file, with its type, an ETag and the headers that keep it to itself.
    static func asset(_ name: String, ifNoneMatch: String? = nil) -> Response {
        let text = DashboardAssets.files[name] ?? ""
        let tag = "\"" + String(SHA256.hex(Array(text.utf8)).prefix(16)) + "\""
        var headers: HTTPFields = [
            .contentType: Self.type(of: name), .cacheControl: "no-cache", .eTag: tag,
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
        ]
        if name.hasSuffix(".html") {
            headers[HTTPField.Name("Content-Security-Policy")!] =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
            headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        }
        if ifNoneMatch == tag { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private static func type(of name: String) -> String {
        if name.hasSuffix(".html") { return "text/html; charset=utf-8" }
        if name.hasSuffix(".js") { return "text/javascript; charset=utf-8" }
        if name.hasSuffix(".css") { return "text/css; charset=utf-8" }
        if name.hasSuffix(".svg") { return "image/svg+xml" }
        return "application/octet-stream"
    }

    /// `GET /dashboard/session`: who is signed in and the CSRF token, 401 when nobody is.
    /// Without keys (`--insecure-no-auth`) everyone is, as admin.
    func session(_ request: Request) async throws -> Response {
        guard options.requireKeys else {
            return Response.json(["signed_in": true, "auth": false, "name": .null, "role": "admin", "csrf": ""])
        }
        guard let token = DashboardSessions.token(inCookieHeader: request.headers[.cookie]), let session = sessions.session(token),
              let key = try await sessionKey(session) else {
            throw APIError(.unauthorized, "unauthorized", "sign in with a read or admin key")
        }
        return Response.json(["signed_in": true, "auth": true, "name": .string(key.name), "role": .string(key.role.rawValue),
                              "csrf": .string(session.csrf)])
    }

    /// `POST /dashboard/session` with `{"key": "..."}`: signs in with a `read` or `admin` key;
    /// an `ingest` key is refused.
    func signIn(_ request: Request) async throws -> Response {
        guard options.requireKeys else { return try await session(request) }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw APIError(.unsupportedMediaType, "unsupported_media_type", "sign in with Content-Type: application/json")
        }
        if let wait = signIns.take(Self.signInBucket) {
            throw APIError(.tooManyRequests, "rate_limited", "too many sign-ins; retry after \(wait) s", headers: [.retryAfter: "\(wait)"])
        }
        guard case .object(let fields) = try await json(in: request), case .string(let secret)? = fields["key"] else {
            throw APIError.badRequest("key: must be a string, the API key")
        }
        let key: APIKey?
        do {
            key = try await ledger.apiKey(secret: secret.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch let error as LedgerError {
            throw APIError(error)
        }
        guard let key else { throw APIError(.unauthorized, "unauthorized", "key: is not a key in force") }
        guard key.role.allows(.read) else {
            throw APIError(.forbidden, "forbidden", "key: an \(key.role.rawValue) key cannot sign in; use a read or admin key")
        }
        let (token, session) = sessions.start(keyHash: Ledger.hash(apiKey: secret.trimmingCharacters(in: .whitespacesAndNewlines)))
        var response = Response.json(["signed_in": true, "auth": true, "name": .string(key.name), "role": .string(key.role.rawValue),
                                      "csrf": .string(session.csrf)])
        let seconds = DashboardSessions.lifetime.components.seconds
        response.headers[.setCookie] = "\(DashboardSessions.cookie)=\(token); Path=/; Max-Age=\(seconds); HttpOnly; SameSite=Strict"
            + (Self.isSecure(request) ? "; Secure" : "")
        return response
    }

    /// `DELETE /dashboard/session`: signs out (with the session's CSRF token).
    func signOut(_ request: Request) throws -> Response {
        if let token = DashboardSessions.token(inCookieHeader: request.headers[.cookie]), let session = sessions.session(token) {
            guard DashboardSessions.matches(request.headers[DashboardSessions.csrfHeader], session.csrf) else {
                throw APIError(.forbidden, "csrf", "the X-CSRF-Token header must carry the session's token")
            }
            sessions.end(token)
        }
        var response = Response.json(["signed_in": false])
        response.headers[.setCookie] = "\(DashboardSessions.cookie)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
            + (Self.isSecure(request) ? "; Secure" : "")
        return response
    }

    private func sessionKey(_ session: DashboardSession) async throws -> APIKey? {
        do {
            return try await ledger.apiKey(hash: session.keyHash)
        } catch let error as LedgerError {
            throw APIError(error)
        }
    }

    /// Whether the browser reached the server over TLS: a proxy in front says so in
    /// `X-Forwarded-Proto` (or `Forwarded: proto=https`).
    static func isSecure(_ request: Request) -> Bool {
        if request.uri.scheme == .https { return true }
        if let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!], proto.lowercased().hasPrefix("https") { return true }
        if let forwarded = request.headers[HTTPField.Name("Forwarded")!], forwarded.lowercased().contains("proto=https") { return true }
        return false
    }
}
