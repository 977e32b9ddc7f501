import AILedger
import Foundation
import Hummingbird

/// Lets a request through only with `Authorization: Bearer KEY` for a key in force whose
/// role allows the route: 401 without a valid key, 403 for the wrong role. Health checks,
/// the OpenAPI document and `/metrics` (counts, never values) need no key. Keys are looked up by their hash and remembered for a second, so a revoked
/// key stops working within a second. Each key is held to its rate (429 with Retry-After
/// past it). No key is ever logged.
struct KeyCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    let ledger: Ledger
    let limiter: RateLimiter
    let cache: Locked<[String: (key: APIKey?, at: ContinuousClock.Instant)]>

    init(ledger: Ledger, limiter: RateLimiter) {
        self.ledger = ledger
        self.limiter = limiter
        cache = Locked([:])
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if ["/healthz", "/readyz", "/openapi.json", "/metrics"].contains(path) { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              let key = try await key(String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)) else {
            throw APIError(.unauthorized, "unauthorized", "a valid API key is required: Authorization: Bearer KEY")
        }
        let needed: APIKeyRole = request.method == .get || request.method == .head ? .read : .ingest
        guard key.role.allows(needed) else {
            throw APIError(.forbidden, "forbidden", "the key's role (\(key.role.rawValue)) does not allow this route; it needs \(needed.rawValue)")
        }
        if let wait = limiter.take(key.id) {
            throw APIError(.tooManyRequests, "rate_limited", "this key is over its rate; retry after \(wait) s",
                           headers: [.retryAfter: "\(wait)"])
        }
        return try await next(request, context)
    }

    private func key(_ secret: String) async throws -> APIKey? {
        let now = ContinuousClock.now
        if let known = cache.withLock({ $0[secret] }), now - known.at < .seconds(1) { return known.key }
        let key: APIKey?
        do {
            key = try await ledger.apiKey(secret: secret)
        } catch let error as LedgerError {
            throw APIError(error)
        }
        cache.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[secret] = (key, now)
        }
        return key
    }
}
