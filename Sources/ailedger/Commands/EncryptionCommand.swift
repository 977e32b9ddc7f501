import AILedger
import AILedgerCrypto
import ArgumentParser
import Foundation

/// `ailedger encryption status|rotate|new-key`.
struct EncryptionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encryption",
        abstract: "Count values per encryption key, re-encrypt them under another, or make a key.",
        discussion: """
            The keyring comes from $AILEDGER_ENCRYPTION_KEY_FILE (a key file) or $AILEDGER_ENCRYPTION_KEYS \
            (its JSON): {"current": "ID", "keys": {"ID": "<base64 of 32 bytes>", ...}} (docs/PRIVACY.md).
            """,
        subcommands: [Status.self, Rotate.self, NewKey.self],
        defaultSubcommand: Status.self
    )

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count the stored values sealed under each key, and those in clear.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let terminal = isatty(STDERR_FILENO) == 1
            try await database.withLedger { ledger in
                let status = try await ledger.encryptionStatus { status in
                    if terminal { StandardError.write("\r\(status.rows.grouped) rows read ") }
                }
                if terminal { StandardError.write("\r\u{1B}[K") }
                print("key           calls   interactions")
                for key in status.sealed.keys.sorted() {
                    let counts = status.sealed[key] ?? [:]
                    print("\(key.padding(toLength: 12, withPad: " ", startingAt: 0)) \((counts["ailedger_calls"] ?? 0).grouped.leftPadded(6)) "
                          + "\((counts["ailedger_interactions"] ?? 0).grouped.leftPadded(14))")
                }
                print("(in clear)   \((status.plaintext["ailedger_calls"] ?? 0).grouped.leftPadded(6)) "
                      + "\((status.plaintext["ailedger_interactions"] ?? 0).grouped.leftPadded(14))")
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-encrypt every value under --to, and encrypt the values still in clear.",
            discussion: """
                A transaction per page of rows; safe while records are being written, and to stop and run \
                again (values under --to are left alone). Make --to the keyring's current key first, so \
                that new records are sealed under it too; once `encryption status` counts nothing under an \
                old key, that key can be retired.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("The key id to seal every value with.", valueName: "key-id")) var to: String
        @Option(help: "Rows per transaction (1 to 5000).") var batchSize = 1_000

        func validate() throws {
            guard (1...5_000).contains(batchSize) else { throw ValidationError("--batch-size must be from 1 to 5000") }
        }

        func run() async throws {
            let terminal = isatty(STDERR_FILENO) == 1
            try await database.withLedger { ledger in
                let resealed = try await ledger.rotateEncryption(to: to, pageSize: batchSize) { status in
                    if terminal { StandardError.write("\r\(status.rows.grouped) rows read ") }
                }
                if terminal { StandardError.write("\r\u{1B}[K") }
                print("\(resealed.grouped) values sealed under \(to)")
            }
        }
    }

    struct NewKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "new-key", abstract: "Print a new random 256-bit key, base64, for a key file.")

        func run() async throws { print(AESGCMKeyring.newKey()) }
    }
}
