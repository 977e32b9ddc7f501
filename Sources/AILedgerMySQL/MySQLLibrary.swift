import AILedger
import CMariaDB

/// Initialises Connector/C once per process, before the first connection.
/// (`mysql_library_init` is a macro Swift cannot see; `mysql_server_init` is what it calls.)
enum MySQLLibrary {
    private static let status: Int32 = mysql_server_init(0, nil, nil)

    static func initialize() throws {
        guard status == 0 else {
            throw LedgerError(.connectionFailed, "the MariaDB client library failed to initialise")
        }
    }
}
