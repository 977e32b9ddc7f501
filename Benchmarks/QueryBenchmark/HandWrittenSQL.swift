import AILedger
import Foundation

/// The benchmark's questions written by hand as one SQL statement each, and the database's
/// own client to run them with.
struct HandWrittenSQL {
    let dialect: String
    /// `sh -c` command that runs the SQL in `$Q` through the client, output discarded.
    let client: String

    init(url: String) throws {
        let parsed = try DatabaseURL(url)
        let q = { (s: String) in "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        switch parsed.scheme {
        case "sqlite":
            dialect = "sqlite"
            client = "sqlite3 \(q(parsed.path)) \"$Q\" > /dev/null"
        case "postgres", "postgresql":
            dialect = "postgres"
            client = "psql -X -q -v ON_ERROR_STOP=1 \(q(url)) -c \"$Q\" > /dev/null"
        default:
            dialect = "mysql"
            let database = parsed.path.hasPrefix("/") ? String(parsed.path.dropFirst()) : parsed.path
            client = "MYSQL_PWD=\(q(parsed.password ?? "")) mariadb -h \(q(parsed.host ?? "127.0.0.1")) -P \(parsed.port ?? 3306) "
                + "-u \(q(parsed.user ?? "")) \(q(database)) -e \"$Q\" > /dev/null"
        }
    }

    /// A time as a literal of this database's timestamp column.
    func time(_ date: Date) -> String {
        let iso = Timestamp.iso8601(microseconds: Timestamp.microseconds(date))
        switch dialect {
        case "sqlite": return "'\(iso)'"
        case "postgres": return "'\(iso)'::timestamptz"
        default: return "'" + iso.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "") + "'"
        }
    }

    var since: String { "created_at >= \(time(BenchmarkWorkload.windowStart))" }

    var overview: String {
        """
        WITH r AS (SELECT latency_ms, ROW_NUMBER() OVER (ORDER BY latency_ms) AS rn, COUNT(*) OVER () AS n \
        FROM ailedger_calls WHERE \(since) AND latency_ms IS NOT NULL), \
        p AS (SELECT MIN(CASE WHEN rn >= 0.5 * n THEN latency_ms END) AS p50, MIN(CASE WHEN rn >= 0.95 * n THEN latency_ms END) AS p95, \
        MIN(CASE WHEN rn >= 0.99 * n THEN latency_ms END) AS p99 FROM r), \
        t AS (SELECT COUNT(*) AS calls, SUM(CASE WHEN status = 'success' THEN 1 ELSE 0 END) AS ok, \
        SUM(CASE WHEN status = 'error' THEN 1 ELSE 0 END) AS errors, SUM(CASE WHEN status = 'partial' THEN 1 ELSE 0 END) AS partials, \
        SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens), \
        SUM(cost_nano_usd), SUM(CASE WHEN cost_nano_usd IS NULL THEN 1 ELSE 0 END), AVG(latency_ms) \
        FROM ailedger_calls WHERE \(since)) \
        SELECT * FROM t, p
        """
    }

    var byModel: String {
        """
        SELECT model, COUNT(*), SUM(CASE WHEN status = 'error' THEN 1 ELSE 0 END), SUM(input_tokens), SUM(output_tokens), \
        SUM(cost_nano_usd), AVG(latency_ms) FROM ailedger_calls WHERE \(since) GROUP BY model ORDER BY 6 DESC
        """
    }

    var daily: String {
        let day = switch dialect {
        case "sqlite": "substr(created_at, 1, 10)"
        case "postgres": "date_trunc('day', created_at AT TIME ZONE 'UTC')"
        default: "DATE(created_at)"
        }
        return """
            SELECT \(day) AS d, COUNT(*), SUM(CASE WHEN status = 'error' THEN 1 ELSE 0 END), SUM(input_tokens), \
            SUM(output_tokens), SUM(cost_nano_usd), AVG(latency_ms) FROM ailedger_calls WHERE \(since) GROUP BY d ORDER BY d
            """
    }

    var topUsers: String {
        """
        SELECT user_id, COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cost_nano_usd) AS cost \
        FROM ailedger_calls WHERE \(since) GROUP BY user_id ORDER BY cost DESC LIMIT 20
        """
    }

    var failures: String {
        "SELECT * FROM ailedger_calls WHERE status = 'error' AND \(since) ORDER BY created_at DESC, id DESC LIMIT 50"
    }

    var filteredPage: String {
        "SELECT * FROM ailedger_calls WHERE user_id = 'user-17' AND model = 'gpt-4o' AND \(since) ORDER BY created_at DESC, id DESC LIMIT 100"
    }
}
