import AILedgerConformance
import Testing

/// Every test against the PostgreSQL server `make test` starts. They share one database
/// and one test restarts the server, so they run one after another.
@Suite(.serialized, .enabled(if: TestServer.postgres.isAvailable))
struct PostgresTests {}
