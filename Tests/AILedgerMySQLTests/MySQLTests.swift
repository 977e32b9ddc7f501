import AILedgerConformance
import Testing

/// Every test against the MariaDB server `make test` starts. They share one database and
/// one test kills the server, so they run one after another.
@Suite(.serialized, .enabled(if: TestServer.mysql.isAvailable))
struct MySQLTests {}
