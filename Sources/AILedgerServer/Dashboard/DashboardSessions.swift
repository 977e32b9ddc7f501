import AILedger
import Foundation
import HTTPTypes
import Hummingbird

/// The dashboard's sessions, in this process's memory: a cookie names one by a random
/// token. A server restart, or another server process behind the same load balancer, asks
/// the user to sign in again.
final class DashboardSessions: Sendable {
    /// The cookie that carries the session token.
    static let cookie = "ailedger_session"
    /// The header a page's changing request carries the session's CSRF token in.
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    /// How long a session lasts.
    static let lifetime: Duration = .seconds(12 * 3_600)
    /// The most sessions kept; past it, the oldest are dropped.
    static let limit = 10_000

    private let sessions = Locked<[String: DashboardSession]>([:])

    /// Starts a session for the key with `keyHash`; returns its token.
    func start(keyHash: String) -> (token: String, session: DashboardSession) {
        let session = DashboardSession(keyHash: keyHash, csrf: Self.random(), expires: .now + Self.lifetime)
        let token = Self.random()
        sessions.withLock { sessions in
            let now = ContinuousClock.now
            if sessions.count >= Self.limit { sessions = sessions.filter { $0.value.expires > now } }
            while sessions.count >= Self.limit, let oldest = sessions.min(by: { $0.value.expires < $1.value.expires }) {
                sessions[oldest.key] = nil
            }
            sessions[token] = session
        }
        return (token, session)
    }

    /// The session `token` names, while it lasts.
    func session(_ token: String) -> DashboardSession? {
        sessions.withLock { sessions in
            guard let session = sessions[token] else { return nil }
            guard session.expires > .now else {
                sessions[token] = nil
                return nil
            }
            return session
        }
    }

    /// Ends the session `token` names.
    func end(_ token: String) { sessions.withLock { $0[token] = nil } }

    /// The session token in a request's `Cookie` header, if any.
    static func token(inCookieHeader header: String?) -> String? {
        guard let header, header.utf8.count <= 8_192 else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == cookie {
                let value = parts[1].trimmingCharacters(in: .whitespaces)
                if value.utf8.count == 43 { return value }
            }
        }
        return nil
    }

    /// Whether `sent` is `expected`, compared in a time that does not depend on where they differ.
    static func matches(_ sent: String?, _ expected: String) -> Bool {
        guard let sent, sent.utf8.count == expected.utf8.count else { return false }
        return zip(sent.utf8, expected.utf8).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// 32 random bytes, base64url without padding (43 characters).
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
