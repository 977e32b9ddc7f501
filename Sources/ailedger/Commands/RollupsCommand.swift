import AILedger
import ArgumentParser
import Foundation

/// `ailedger rollups status|rebuild`.
struct RollupsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollups",
        abstract: "Check and rebuild the hourly rollups that answer overviews, groups and series.",
        discussion: """
            The ledger keeps hourly sums of its calls in the transaction that stores them. Calls \
            stored before the rollups existed (before migration 5) are counted once `rebuild` \
            has run; until then every question is answered from the raw rows.
            """,
        subcommands: [Status.self, Rebuild.self],
        defaultSubcommand: Status.self
    )

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the rollups count every stored call.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await database.withLedger { ledger in
                if try await ledger.rollupsAreComplete() {
                    print("The rollups count every stored call: overviews, groups and series read them.")
                } else {
                    print("Some rollups do not count every stored record yet: the questions they answer read the raw rows. "
                          + "Run `ailedger rollups rebuild`.")
                }
            }
        }
    }

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recount the rollups from the raw calls, a day per transaction.",
            discussion: """
                Without --since, starts where an interrupted rebuild stopped, or at the earliest \
                call. Safe while calls are being recorded. On a terminal, a progress line shows \
                how far it has come.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Recount only from this date (YYYY-MM-DD or an ISO-8601 UTC time).") var since: String?

        func run() async throws {
            let from = try since.map(PricesCommand.date)
            let terminal = isatty(STDERR_FILENO) == 1
            try await database.withLedger { ledger in
                let started = ContinuousClock.now
                let report = try await ledger.rebuildRollups(since: from) { report in
                    guard terminal else { return }
                    let day = String(Timestamp.iso8601(microseconds: Timestamp.microseconds(report.through)).prefix(10))
                    StandardError.write("\r\(Int(report.fraction * 100))%  through \(day)  \(report.calls.grouped) calls ")
                }
                if terminal { StandardError.write("\r\u{1B}[K") }
                let seconds = Double((ContinuousClock.now - started).components.seconds)
                print("Recounted \(report.calls.grouped) calls in \(Int(seconds.rounded())) s. "
                      + (report.complete ? "The rollups count every stored call."
                                         : "Calls before \(since ?? "that date") are not recounted: run without --since to finish."))
            }
        }
    }
}
