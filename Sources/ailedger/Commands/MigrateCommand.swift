import AILedger
import ArgumentParser
import Foundation

/// `ailedger migrate up|down|status|validate|force`.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply, revert and check the schema migrations.",
        subcommands: [Up.self, Down.self, Status.self, Validate.self, Force.self],
        defaultSubcommand: Status.self
    )

    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply pending migrations.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Stop after this version.") var to: Int64?
        @Option(help: ArgumentHelp("Also apply an opt-in compatibility set (whatsapp, chatbot on MySQL).",
                                   discussion: "Repeat to apply several.")) var compat: [String] = []

        func run() async throws {
            try await database.withLedger { ledger in
                // Resolve every set first, so an unknown name applies nothing.
                let sets = try compat.map { ($0, try ledger.compatibilityMigrations($0)) }
                let applied = try await ledger.migrations.up(to: to)
                print(applied.isEmpty ? "Nothing to apply: the schema is up to date."
                                      : applied.map { "applied \($0.version) \($0.description)" }.joined(separator: "\n"))
                if try await !ledger.rollupsAreComplete(), try await ledger.migrations.history().contains(where: { $0.version >= 5 && $0.success }) {
                    print("Records stored before some rollups existed are not counted in them yet; until they are, "
                          + "the questions those rollups answer read the raw rows. Run `ailedger rollups rebuild` (safe while recording).")
                }
                for (name, runner) in sets {
                    let views = try await runner.up()
                    print(views.isEmpty ? "Compatibility set \(name) is up to date."
                                        : views.map { "applied \(name) \($0.version) \($0.description)" }.joined(separator: "\n"))
                }
            }
        }
    }

    struct Down: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revert the most recent migrations.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "How many migrations to revert.") var steps: Int = 1
        @Option(help: "Revert this compatibility set's migrations instead of the ledger's.") var compat: String?

        func run() async throws {
            try await database.withLedger { ledger in
                let runner = try compat.map(ledger.compatibilityMigrations) ?? ledger.migrations
                let reverted = try await runner.down(steps: steps)
                print(reverted.isEmpty ? "Nothing to revert."
                                       : reverted.map { "reverted \($0.version) \($0.description)" }.joined(separator: "\n"))
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show each migration and whether it is applied.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Show this compatibility set's migrations instead of the ledger's.") var compat: String?

        func run() async throws {
            try await database.withLedger { ledger in
                let runner = try compat.map(ledger.compatibilityMigrations) ?? ledger.migrations
                let rows = try await runner.status().map { state in
                    [String(state.version), state.description, state.phase.rawValue,
                     state.applied.map { RecordCells.minute($0.appliedAt) } ?? "",
                     state.applied.map { "\($0.executionMs) ms" } ?? ""]
                }
                print(TextTable(headers: ["version", "description", "state", "applied (UTC)", "took"], rows: rows).rendered)
            }
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that applied migrations are unchanged and none is dirty; exits non-zero otherwise.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await database.withLedger { ledger in
                let states = try await ledger.migrations.validate()
                let pending = states.filter { $0.phase == .pending }.count
                print("OK: \(states.count - pending) applied, \(pending) pending, no edited or dirty migration.")
            }
        }
    }

    struct Force: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Declare the schema to be at VERSION, clearing a dirty state after a manual repair.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The version the schema is at.") var version: Int64

        func run() async throws {
            try await database.withLedger { ledger in
                try await ledger.migrations.force(version)
                print("History set to version \(version).")
            }
        }
    }
}
