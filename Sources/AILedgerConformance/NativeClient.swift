import AILedger
import Foundation

/// The database's own command-line client (`sqlite3`, `psql`, `mariadb`), to read what a
/// table holds as an operator would, apart from AILedger.
struct NativeClient {
    let arguments: [String]
    let environment: [String]

    init(url: String) throws {
        let parsed = try DatabaseURL(url)
        switch parsed.scheme {
        case "sqlite":
            arguments = ["sqlite3", parsed.path]
            environment = []
        case "postgres", "postgresql":
            arguments = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c"]
            environment = []
        default:
            let database = parsed.path.hasPrefix("/") ? String(parsed.path.dropFirst()) : parsed.path
            arguments = ["mariadb", "-N", "-B", "-r", "-h", parsed.host ?? "127.0.0.1", "-P", "\(parsed.port ?? 3306)",
                         "-u", parsed.user ?? "", database, "-e"]
            environment = ["MYSQL_PWD=\(parsed.password ?? "")"]
        }
    }

    /// What the client prints for `query`.
    func run(_ query: String) async throws -> String {
        let result = try await TestServer.run(environment + arguments + [query])
        guard result.status == 0 else {
            throw ConformanceFailure(message: "\(arguments[0]) failed: \(result.output.prefix(500))", location: #fileID)
        }
        return result.output
    }
}
