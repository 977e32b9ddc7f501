import AILedger
import AILedgerMySQL
import AILedgerPostgres
import AILedgerSQLite
import ArgumentParser

/// The `ailedger` command-line tool.
struct AILedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ailedger",
        abstract: "Record and inspect AI calls, interactions and conversations in your own database.",
        discussion: """
            Every command takes --url (or the AILEDGER_DATABASE_URL environment variable):
              sqlite:///absolute/path.db   sqlite://relative/path.db   sqlite::memory:
              postgres://user:password@host:5432/database?sslmode=require
              mysql://user:password@host:3306/database (also mariadb://)
            Log lines (retries, spills, migrations applied) go to standard error at the level
            AILEDGER_LOG_LEVEL names: trace, debug, info, notice, warning (the default), error.
            """,
        subcommands: [MigrateCommand.self, RollupsCommand.self, DemoCommand.self, CallsCommand.self, InteractionsCommand.self,
                      ConversationsCommand.self, StatsCommand.self, ExportCommand.self, FeedbackCommand.self,
                      PricesCommand.self, ServeCommand.self, KeysCommand.self, IngestCommand.self, RedactCommand.self, RetentionCommand.self, PartitionsCommand.self, EncryptionCommand.self]
    )

    /// Every driver this binary links, registered once before any command runs.
    static let drivers: [any DatabaseDriver] = [SQLiteDriver(), PostgresDriver(), MySQLDriver()]
}
