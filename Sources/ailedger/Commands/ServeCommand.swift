import AILedger
import AILedgerServer
import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus

/// `ailedger serve`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the ledger over HTTP: JSON ingest and queries for apps in any language.",
        discussion: """
            Records posted to /v1/calls go through the buffered writer: "accepted" means in memory
            or in the outbox, and SIGTERM or SIGINT drains them before the process exits. Every
            route but /healthz, /readyz, /openapi.json and /metrics needs an API key (`ailedger keys create`), sent as
            Authorization: Bearer KEY; --insecure-no-auth serves without, on a loopback address only.
            """)
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on; 0 picks a free one (printed on standard error).") var port = 8080
    @Option(help: ArgumentHelp("A local SQLite file that accepted records go to while the database is away, and at shutdown when the drain deadline passes; they are replayed from it.",
                               discussion: "Default: outbox-<hash of the database URL>.sqlite in $AILEDGER_STATE_DIR, else $XDG_STATE_HOME/ailedger, else ~/.local/state/ailedger."))
    var outbox: String?
    @Flag(help: "Keep no outbox: records still unwritten when the drain deadline passes at shutdown are lost.") var noOutbox = false
    @Flag(help: "Serve without API keys; refused unless --host is a loopback address.") var insecureNoAuth = false
    @Option(help: "Serve the same routes on this port too, for OpenTelemetry exporters (their default is 4318).") var otlpPort: Int?
    @Flag(help: "Store the prompts and completions OpenTelemetry spans carry (off: they may hold personal data).") var captureContent = false
    @Option(help: "Requests a second each API key may make on average (429 past it).") var requestsPerSecond: Double = 100
    @Option(help: "Requests an API key may make at once above its average.") var burst = 200
    @OptionGroup var privacy: PrivacyOptions
    @Option(help: ArgumentHelp("Remove records older than this, at start and then daily: days (90d) or weeks (12w); see `ailedger retention apply`.",
                               valueName: "age"))
    var retention: String?
    @Option(help: ArgumentHelp("Where --retention archives rows first: table, or a FILE.jsonl or FILE.jsonl.gz.", valueName: "table|file"))
    var retentionArchive: String?
    @Option(help: "What to log: trace, debug, info (one line per request), notice, warning, error or critical; default: AILEDGER_LOG_LEVEL, else info.")
    var logLevel: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        if let otlpPort, !(1...65_535).contains(otlpPort) || otlpPort == port {
            throw ValidationError("--otlp-port must be from 1 to 65535 and differ from --port")
        }
        guard requestsPerSecond >= 0.001, requestsPerSecond <= 1_000_000, (1...1_000_000).contains(burst) else {
            throw ValidationError("--requests-per-second must be from 0.001 to 1,000,000 and --burst from 1 to 1,000,000")
        }
        if let logLevel, Logger.Level(rawValue: logLevel.lowercased()) == nil {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical")
        }
        if let retention { _ = try RetentionCommand.days(retention) }
        if retentionArchive != nil && retention == nil { throw ValidationError("--retention-archive needs --retention") }
        _ = try RetentionCommand.archive(retentionArchive)
        if noOutbox && outbox != nil { throw ValidationError("--outbox and --no-outbox exclude each other") }
        guard !insecureNoAuth || Self.isLoopback(host) else {
            throw ValidationError("--insecure-no-auth serves only a loopback address (127.0.0.1, ::1, localhost), not \(host)")
        }
    }

    func run() async throws {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let level = (logLevel ?? ProcessInfo.processInfo.environment["AILEDGER_LOG_LEVEL"]).flatMap { Logger.Level(rawValue: $0.lowercased()) }
        var logger = Logger(label: "ailedger.server")
        logger.logLevel = level ?? .info
        let url = try database.resolvedURL()
        let outboxPath = noOutbox ? nil : try outbox ?? Self.defaultOutbox(for: url)
        var writer = WriterOptions(outboxURL: outboxPath.map { $0.hasPrefix("sqlite:") ? $0 : "sqlite://" + $0 })
        writer.logger.logLevel = logger.logLevel
        let redaction = try privacy.redactionPolicy()
        let encryption = try EncryptionSettings.encryption(configuration: try privacy.configuration())
        let ledger = try await Ledger.open(url: url, drivers: AILedgerCommand.drivers, writer: writer, redaction: redaction,
                                           encryption: encryption)
        if let encryption {
            logger.info("encrypting \(encryption.fields.map(\.rawValue).sorted().joined(separator: ", ")) with key \(encryption.cipher.currentKeyID)")
        }
        logger.info("redacting \(redaction.summary) from every record")
        if let complete = try? await ledger.rollupsAreComplete(), !complete,
           (try? await ledger.migrations.history().contains { $0.version >= 5 && $0.success }) == true {
            logger.warning("some rollups do not count every stored record yet, so the dashboard views they answer read the raw rows; run `ailedger rollups rebuild`")
        }
        let shown = host.contains(":") ? "[\(host)]" : host
        let server = LedgerServer(ledger: ledger, options: ServerOptions(requireKeys: !insecureNoAuth,
                                                                     requestsPerSecondPerKey: requestsPerSecond, burstPerKey: burst,
                                                                     captureContent: captureContent),
                                  logger: logger, metrics: registry)
        let retentionRuns = try retention.map { age in
            let policy = RetentionPolicy(days: try RetentionCommand.days(age), archive: try RetentionCommand.archive(retentionArchive))
            let log = logger
            return Task { await Self.applyDaily(policy, to: ledger, logger: log) }
        }
        defer { retentionRuns?.cancel() }
        let partitionUpkeep = Task { [logger] in await Self.addPartitionsDaily(to: ledger, logger: logger) }
        defer { partitionUpkeep.cancel() }
        try await server.run(host: host, port: port, otlpPort: otlpPort) { port in
            StandardError.print("ailedger serving \(ledger.url) on http://\(shown):\(port) (outbox: \(outboxPath ?? "none"))")
        }
    }

    /// Applies `policy` now and every 24 hours until cancelled, logging what it removed.
    static func applyDaily(_ policy: RetentionPolicy, to ledger: Ledger, logger: Logger) async {
        while !Task.isCancelled {
            do {
                let report = try await ledger.applyRetention(policy)
                logger.info("retention removed \(report.total) rows recorded before \(report.cutoff)",
                            metadata: ["deleted": "\(report.deleted.sorted { $0.key < $1.key })"])
            } catch is CancellationError {
                return
            } catch {
                logger.error("retention failed; it runs again in 24 hours", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(86_400))
        }
    }

    /// Where the calls are partitioned by month, adds the months ahead now and every 24
    /// hours until cancelled, so a month's calls never start without their partition.
    static func addPartitionsDaily(to ledger: Ledger, logger: Logger) async {
        while !Task.isCancelled {
            do {
                let created = try await ledger.addCallPartitions()
                if !created.isEmpty { logger.info("made monthly partitions \(created.joined(separator: ", "))") }
            } catch is CancellationError {
                return
            } catch {
                logger.error("making the months ahead's partitions failed; it is tried again in 24 hours", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(86_400))
        }
    }

    /// `outbox-<hash>.sqlite` in the state folder, the hash (FNV-1a) of the database URL with
    /// its password hidden and without its read replica, so that each database has its own;
    /// the folder is made.
    static func defaultOutbox(for url: String) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let folder: URL
        if let state = environment["AILEDGER_STATE_DIR"], !state.isEmpty {
            folder = URL(fileURLWithPath: state)
        } else if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            folder = URL(fileURLWithPath: state).appendingPathComponent("ailedger")
        } else {
            folder = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/state/ailedger")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("cannot make the outbox folder \(folder.path); pass --outbox PATH or --no-outbox")
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(try DatabaseURL(url).removingQuery("read_url"))".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return folder.appendingPathComponent("outbox-\(String(repeating: "0", count: 16 - hex.count) + hex).sqlite").path
    }

    /// `localhost`, `::1`, or an IPv4 address in 127.0.0.0/8 (written as one, not a name).
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { part in part.count <= 3 && Int(part).map { (0...255).contains($0) } == true }
    }
}
