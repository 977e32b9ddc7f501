import AILedger
import ArgumentParser
import Foundation

/// `ailedger keys`.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make, list and revoke the API keys of `ailedger serve`.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a key; it is printed once, alone on the last line of standard output.",
            discussion: "Only a SHA-256 hash of the key is stored: keep the key where your app reads its secrets.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "ingest (write records), read (query, export, feedback) or admin (all).") var role: APIKeyRole
        @Option(help: "A name to tell keys apart and revoke one by.") var name: String

        func run() async throws {
            try await database.withLedger { ledger in
                let (key, secret) = try await ledger.createAPIKey(name: name, role: role)
                print("created key \(key.name) with role \(key.role.rawValue); it is shown this once:")
                print(secret)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the keys (never the keys themselves).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: OutputFormat.help) var format: OutputFormat = .table

        func run() async throws {
            try await database.withLedger { ledger in
                let keys = try await ledger.apiKeys()
                func time(_ date: Date) -> JSONValue { .string(Timestamp.iso8601(microseconds: Timestamp.microseconds(date))) }
                format.print(headers: ["name", "role", "created (UTC)", "revoked (UTC)"], rows: keys.map { key in
                    [key.name, key.role.rawValue, RecordCells.time(key.createdAt), key.revokedAt.map(RecordCells.time) ?? ""]
                }, json: ["keys": .array(keys.map { key in
                    ["name": .string(key.name), "role": .string(key.role.rawValue), "created_at": time(key.createdAt),
                     "revoked_at": key.revokedAt.map(time) ?? .null]
                })], lines: "keys")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by name; a server refuses it within a second.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The key's name.") var name: String

        func run() async throws {
            try await database.withLedger { ledger in
                try await ledger.revokeAPIKey(name: name)
                print("revoked key \(name)")
            }
        }
    }
}
