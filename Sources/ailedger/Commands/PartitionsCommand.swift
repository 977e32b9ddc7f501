import AILedger
import ArgumentParser
import Foundation

/// `ailedger partitions`.
struct PartitionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partitions",
        abstract: "Partition the calls by month on PostgreSQL, so retention drops whole months.",
        subcommands: [Enable.self, List.self],
        defaultSubcommand: List.self)

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Partition ailedger_calls by month, or add the months ahead that are missing.",
            discussion: """
                The first run converts the table in one transaction (writes wait while it copies): a \
                partition for each month since the oldest call, the months ahead, and a default \
                partition for every other id. Later runs add the missing months ahead; `ailedger serve` \
                does so daily. Retention then drops the months wholly before its cutoff as tables. \
                Calls are placed by the month of their UUIDv7 id, which is made at created_at unless the \
                client sends its own id.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Months after this one to make partitions for now (0 to 120).") var monthsAhead = 3

        func validate() throws {
            guard (0...120).contains(monthsAhead) else { throw ValidationError("--months-ahead must be from 0 to 120") }
        }

        func run() async throws {
            let terminal = isatty(STDERR_FILENO) == 1
            try await database.withLedger { ledger in
                let wasPartitioned = try await ledger.callsArePartitioned()
                let created = try await ledger.partitionCalls(monthsAhead: monthsAhead) { step in
                    if terminal { StandardError.print(step) }
                }
                let names = created.isEmpty ? "" : ": " + created.joined(separator: ", ")
                print(wasPartitioned ? "calls were partitioned; \(created.count) partitions added\(names)"
                                     : "calls partitioned by month; \(created.count) partitions made\(names)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the partitions of the calls, with their rows and size.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: OutputFormat.help) var format: OutputFormat = .table

        func run() async throws {
            try await database.withLedger { ledger in
                guard try await ledger.callsArePartitioned() else {
                    throw CommandFailure("ailedger_calls is not partitioned; `ailedger partitions enable` partitions it on PostgreSQL")
                }
                let partitions = try await ledger.callPartitions()
                func month(_ partition: CallPartition) -> String {
                    partition.start.map { String(Timestamp.iso8601(microseconds: Timestamp.microseconds($0)).prefix(7)) } ?? "default"
                }
                func time(_ date: Date?) -> JSONValue {
                    date.map { .string(Timestamp.iso8601(microseconds: Timestamp.microseconds($0))) } ?? .null
                }
                format.print(headers: ["month", "partition", "calls", "size MiB"], rows: partitions.map { partition in
                    [month(partition), partition.name, partition.rows.grouped,
                     String(format: "%.1f", Double(partition.bytes) / 1_048_576)]
                }, json: ["partitions": .array(partitions.map { partition in
                    ["name": .string(partition.name), "start": time(partition.start), "end": time(partition.end),
                     "calls": .int(Int64(partition.rows)), "bytes": .int(Int64(partition.bytes))]
                })], lines: "partitions")
            }
        }
    }
}
