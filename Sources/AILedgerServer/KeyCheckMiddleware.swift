import AILedger
import Foundation
import Hummingbird

/// Lets a request through only with `Authorization: Bearer KEY` for a key in force whose
/// role allows the route, or with the cookie of a dashboard session signed in with one
/// (and, unless it only reads, the session's `X-CSRF-Token` header): 401 without a valid
/// key, 403 for the wrong role. Health checks, the OpenAPI document, `/metrics` (counts,
/// never values) and the dashboard's page and sign-in need no key. Each key is held to its
/// rate (429 with Retry-After past it). No key is ever logged.
///
/// Keys are looked up by their hash and remembered for a second, so a revoked key stops
/// working within a second; a string that cannot be a key costs no lookup. While the
/// database does not answer, a key it accepted before goes on being accepted, so ingest
/// keeps filling the outbox through an outage.
struct KeyCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    let ledger: Ledger
    let limiter: RateLimiter
    let sessions: DashboardSessions
    /// By key hash: the key (nil: no such key in force) and when it was looked up.
    let cache: Locked<[String: (key: APIKey?, at: ContinuousClock.Instant)]>

    init(ledger: Ledger, limiter: RateLimiter, sessions: DashboardSessions) {
        self.ledger = ledger
        self.limiter = limiter
        self.sessions = sessions
        cache = Locked([:])
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if ["/healthz", "/readyz", "/openapi.json", "/metrics", "/", "/dashboard/session"].contains(path) || path.hasPrefix("/dashboard/assets/") {
            return try await next(request, context)
        }
        let key: APIKey
        if let header = request.headers[.authorization] {
            guard header.utf8.count <= 256, header.lowercased().hasPrefix("bearer "),
                  let found = try await self.key(String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)) else {
                throw APIError(.unauthorized, "unauthorized", "a valid API key is required: Authorization: Bearer KEY")
            }
            key = found
        } else if let token = DashboardSessions.token(inCookieHeader: request.headers[.cookie]), let session = sessions.session(token) {
            guard let found = try await self.key(hash: session.keyHash) else {
                sessions.end(token)
                throw APIError(.unauthorized, "unauthorized", "the key this session signed in with is no longer in force: sign in again")
            }
            if request.method != .get && request.method != .head {
                guard DashboardSessions.matches(request.headers[DashboardSessions.csrfHeader], session.csrf) else {
                    throw APIError(.forbidden, "csrf", "the X-CSRF-Token header must carry the session's token")
                }
            }
            key = found
        } else {
            throw APIError(.unauthorized, "unauthorized", "a valid API key is required: Authorization: Bearer KEY")
        }
        RequestKeyName.current?.set(key.name)
        let needed = Self.role(request.method, path)
        guard key.role.allows(needed) else {
            throw APIError(.forbidden, "forbidden", "the key's role (\(key.role.rawValue)) does not allow this route; it needs \(needed.rawValue)")
        }
        if let wait = limiter.take(key.id) {
            throw APIError(.tooManyRequests, "rate_limited", "this key is over its rate; retry after \(wait) s",
                           headers: [.retryAfter: "\(wait)"])
        }
        return try await next(request, context)
    }

    /// What a route needs: reading and giving feedback need `read`, writing records
    /// `ingest`, setting prices `admin`.
    static func role(_ method: HTTPRequest.Method, _ path: String) -> APIKeyRole {
        if method == .get || method == .head { return .read }
        if path == "/v1/prices" || path.hasPrefix("/v1/prices/") { return .admin }
        if method == .post && path.hasPrefix("/v1/interactions/") && path.hasSuffix("/feedback") { return .read }
        return .ingest
    }

    private func key(_ secret: String) async throws -> APIKey? {
        guard APIKey.isWellFormed(secret) else { return nil }
        return try await key(hash: Ledger.hash(apiKey: secret))
    }

    private func key(hash: String) async throws -> APIKey? {
        let now = ContinuousClock.now
        let known = cache.withLock { $0[hash] }
        if let known, now - known.at < .seconds(1) { return known.key }
        let key: APIKey?
        do {
            key = try await ledger.apiKey(hash: hash)
        } catch let error as LedgerError {
            // The database is away: a key it accepted before stays accepted meanwhile.
            if let accepted = known?.key { return accepted }
            throw APIError(error)
        }
        cache.withLock { cache in
            if cache.count >= 10_000 { cache = cache.filter { now - $0.value.at < .seconds(1) || $0.value.key != nil } }
            if cache.count < 20_000 { cache[hash] = (key, now) }
        }
        return key
    }
}
