import AILedger
import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// The ledger as an HTTP service: JSON ingest through the buffered writer, and queries.
/// A Swift app can mount its routes in its own Hummingbird router with `addRoutes(to:)`;
/// `run(host:port:)` serves them alone.
public struct LedgerServer: Sendable {
    /// The ledger it serves; open it with `WriterOptions` so ingest answers at once.
    public let ledger: Ledger
    /// Limits and defaults.
    public let options: ServerOptions
    /// Where it logs one line per request, and its start and stop.
    public let logger: Logger
    /// The registry `/metrics` shows, in Prometheus text; bootstrap swift-metrics with a
    /// `PrometheusMetricsFactory` over it so the writer's and the requests' metrics land
    /// there. Without one there is no `/metrics`.
    public let metrics: PrometheusCollectorRegistry?
    /// The dashboard's signed-in sessions.
    let sessions = DashboardSessions()
    /// Dashboard sign-ins, all together: 5 a second on average, in bursts of 20, so that
    /// keys cannot be guessed at the database's expense.
    let signIns = RateLimiter(perSecond: 5, burst: 20)

    /// A server for `ledger`.
    public init(ledger: Ledger, options: ServerOptions = ServerOptions(), logger: Logger = Logger(label: "ailedger.server"),
                metrics: PrometheusCollectorRegistry? = nil) {
        self.ledger = ledger
        self.options = options
        self.logger = logger
        self.metrics = metrics
    }

    /// Adds the service's routes to `router`.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.add(middleware: RequestLogMiddleware(logger: logger))
        if let metrics {
            router.add(middleware: MetricsMiddleware())
            router.get("metrics") { _, _ in
                Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                         body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
            }
        }
        router.add(middleware: BrowserOriginMiddleware(loopbackHostsOnly: !options.requireKeys))
        if options.requireKeys {
            let limiter = RateLimiter(perSecond: options.requestsPerSecondPerKey, burst: options.burstPerKey)
            router.add(middleware: KeyCheckMiddleware(ledger: ledger, limiter: limiter, sessions: sessions))
        }
        router.get("healthz") { _, _ in Response.json(["status": "ok"]) }
        router.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        router.get("readyz") { _, _ in try await ready() }
        addDashboardRoutes(to: router)
        router.post("v1/calls") { request, _ in try await ingest(request, as: .calls) }
        router.post("v1/interactions") { request, _ in try await ingest(request, as: .interactions) }
        router.post("v1/conversations") { request, _ in try await ingest(request, as: .conversations) }
        router.post("v1/batch") { request, _ in try await ingestBatch(request) }
        router.post("v1/traces") { request, _ in try await traces(request) }
        router.post("v1/interactions/:id/feedback") { request, context in
            try await feedback(request, id: context.parameters.get("id") ?? "")
        }
        router.get("v1/calls") { request, _ in try await list(request, .calls) }
        router.get("v1/interactions") { request, _ in try await list(request, .interactions) }
        router.get("v1/conversations") { request, _ in try await list(request, .conversations) }
        router.get("v1/calls/:id") { _, context in try await one(.calls, id: context.parameters.get("id") ?? "") }
        router.get("v1/interactions/:id") { _, context in try await one(.interactions, id: context.parameters.get("id") ?? "") }
        router.get("v1/conversations/:id") { _, context in try await conversation(context.parameters.get("id") ?? "") }
        router.get("v1/stats/overview") { request, _ in try await overview(request) }
        router.get("v1/stats/interactions") { request, _ in try await interactionOverview(request) }
        router.get("v1/stats/by/:dimension") { request, context in
            try await groups(request, by: context.parameters.get("dimension") ?? "", series: false)
        }
        router.get("v1/stats/series/:bucket") { request, context in
            try await groups(request, by: context.parameters.get("bucket") ?? "", series: true)
        }
        router.get("v1/stats/latency/:bucket") { request, context in
            try await latencySeries(request, bucket: context.parameters.get("bucket") ?? "")
        }
        router.get("v1/stats/failures") { request, _ in try await failures(request) }
        router.get("v1/stats/data-quality") { request, _ in try await dataQuality(request) }
        router.get("v1/stats/feedback") { request, _ in try await feedbackReport(request) }
        router.get("v1/stats/sql-queries") { request, _ in try await sqlQueries(request) }
        router.get("v1/prices") { _, _ in prices() }
        router.post("v1/prices") { request, _ in try await storePrices(request) }
        router.get("v1/prices/:model") { request, context in
            try price(request, model: context.parameters.get("model").map { $0.removingPercentEncoding ?? $0 } ?? "")
        }
        router.get("logging-dashboard/overview") { request, _ in try await dashboardOverview(request) }
        router.get("logging-dashboard/conversation/:id/detailed") { request, context in
            try await dashboardConversation(request, id: context.parameters.get("id") ?? "")
        }
        router.get("logging-dashboard/llm-calls/analysis") { request, _ in try await dashboardCalls(request) }
        router.get("logging-dashboard/sql-queries/analysis") { request, _ in try await dashboardSQL(request) }
        router.get("v1/export/:kind") { request, context in try export(request, kind: context.parameters.get("kind") ?? "") }
    }

    /// Serves on `host`:`port` (0: any free port) until SIGTERM or SIGINT, then drains the
    /// writer and closes the ledger: a record answered "accepted" is in the database or the
    /// outbox (or, past the writer's drain deadline with no outbox, counted and logged as
    /// given up). Requests still running `options.shutdownGrace` after the signal are
    /// cancelled; a SIGQUIT cancels them at once.
    /// `listening` is told the port once the server accepts connections. With `otlpPort`,
    /// the same routes are served on that port too (OTLP exporters default to 4318).
    public func run(host: String, port: Int, otlpPort: Int? = nil, listening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let router = Router()
        addRoutes(to: router)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "ailedger"),
                                       onServerRunning: { channel in listening(channel.localAddress?.port ?? port) }, logger: logger)),
        ]
        if let otlpPort {
            services.append(.init(service: Application(router: router, configuration: .init(address: .hostname(host, port: otlpPort),
                                                                                             serverName: "ailedger"), logger: logger)))
        }
        var configuration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      cancellationSignals: [.sigquit], logger: logger)
        configuration.maximumGracefulShutdownDuration = options.shutdownGrace
        do {
            try await ServiceGroup(configuration: configuration).run()
        } catch {
            await drain()
            throw error
        }
        await drain()
    }

    private func drain() async {
        let left = await ledger.close()
        if left.isComplete {
            logger.info("stopped; every accepted record is written or in the outbox")
        } else {
            logger.error("stopped with records unwritten", metadata: ["records": "\(left.unwritten)"])
        }
    }

    /// `field: reason` into its parts.
    static func split(_ message: String) -> (String, String) {
        guard let colon = message.firstIndex(of: ":") else { return ("", message) }
        return (String(message[..<colon]), message[message.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
}
