import AILedger
import ArgumentParser
import Foundation

/// The `--url` option every command shares, with its environment fallback.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Database URL.", discussion: "Defaults to $AILEDGER_DATABASE_URL."))
    var url: String?

    /// The URL given, or the environment's.
    func resolvedURL() throws -> String {
        if let url { return url }
        if let url = ProcessInfo.processInfo.environment["AILEDGER_DATABASE_URL"], !url.isEmpty { return url }
        throw ValidationError("no database: pass --url or set AILEDGER_DATABASE_URL (for example sqlite://ledger.sqlite)")
    }

    /// Opens the ledger the options name, with the encryption keys the environment names.
    func open(redaction: RedactionPolicy = .secrets) async throws -> Ledger {
        try await Ledger.open(url: try resolvedURL(), drivers: AILedgerCommand.drivers, redaction: redaction,
                              encryption: try EncryptionSettings.encryption())
    }
}
