import AILedger
import ArgumentParser
import Foundation

/// The `--url` and `--read-url` options every command shares, with their environment
/// fallbacks.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Database URL.", discussion: "Defaults to $AILEDGER_DATABASE_URL."))
    var url: String?

    @Option(name: .long, help: ArgumentHelp(
        "A read replica's URL, for queries, reports and dashboards; writes stay on --url.",
        discussion: "Defaults to $AILEDGER_READ_URL."))
    var readURL: String?

    /// The URL given, or the environment's, with the read replica's as its `read_url`.
    func resolvedURL() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        guard let url = url ?? environment["AILEDGER_DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ValidationError("no database: pass --url or set AILEDGER_DATABASE_URL (for example sqlite://ledger.sqlite)")
        }
        guard let replica = readURL ?? environment["AILEDGER_READ_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else { return url }
        let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let encoded = replica.addingPercentEncoding(withAllowedCharacters: unreserved) ?? replica
        return url + (url.contains("?") ? "&" : "?") + "read_url=" + encoded
    }

    /// Opens the ledger the options name, with the encryption keys the environment names.
    func open(redaction: RedactionPolicy = .secrets) async throws -> Ledger {
        try await Ledger.open(url: try resolvedURL(), drivers: AILedgerCommand.drivers, redaction: redaction,
                              encryption: try EncryptionSettings.encryption())
    }
}
