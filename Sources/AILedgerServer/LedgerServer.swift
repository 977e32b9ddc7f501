import AILedger
import Foundation
import Hummingbird
import Logging

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

    /// A server for `ledger`.
    public init(ledger: Ledger, options: ServerOptions = ServerOptions(), logger: Logger = Logger(label: "ailedger.server")) {
        self.ledger = ledger
        self.options = options
        self.logger = logger
    }

    /// Adds the service's routes to `router`.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.add(middleware: RequestLogMiddleware(logger: logger))
        if options.requireKeys { router.add(middleware: KeyCheckMiddleware(ledger: ledger)) }
        router.get("healthz") { _, _ in Response.json(["status": "ok"]) }
        router.get("readyz") { _, _ in try await ready() }
        router.post("v1/calls") { request, context in try await ingestCalls(request, context) }
        router.get("v1/calls") { request, _ in try await listCalls(request) }
        router.get("v1/calls/:id") { _, context in try await call(context.parameters.get("id") ?? "") }
        router.get("v1/stats/overview") { request, _ in try await overview(request) }
    }

    /// Serves on `host`:`port` (0: any free port) until SIGTERM or SIGINT, then drains the
    /// writer and closes the ledger: a record answered "accepted" is in the database or the
    /// outbox. `listening` is told the port once the server accepts connections.
    public func run(host: String, port: Int, listening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let router = Router()
        addRoutes(to: router)
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "ailedger"),
                              onServerRunning: { channel in listening(channel.localAddress?.port ?? port) }, logger: logger)
        do {
            try await app.runService()
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

    // MARK: - Routes

    private func ready() async throws -> Response {
        do {
            _ = try await ledger.database.withConnection(.read) { try await $0.query("SELECT 1", []) }
        } catch {
            throw APIError(.serviceUnavailable, "database_unavailable", "the database does not answer")
        }
        if let stats = ledger.writerStatistics, stats.outboxBatches > 0 {
            throw APIError(.serviceUnavailable, "spilling", "records wait in the outbox for the database")
        }
        return Response.json(["status": "ready"])
    }

    private func ingestCalls(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let items = try await records(in: request)
        var calls: [Call] = []
        var rejected: [JSONValue] = []
        for (index, item) in items.enumerated() {
            do {
                calls.append(try Call(json: item))
            } catch let error as LedgerError {
                let (field, reason) = Self.split(error.message)
                rejected.append(["index": .int(Int64(index)), "field": .string(field), "reason": .string(reason)])
            }
        }
        if !calls.isEmpty {
            do {
                try await ledger.record(RecordBatch(calls: calls))
            } catch let error as LedgerError {
                throw APIError(error)
            }
        }
        if request.uri.queryParameters["wait"] == "commit" { await ledger.flush() }
        return Response.json(["accepted": .int(Int64(calls.count)), "rejected": .array(rejected)])
    }

    /// The JSON object or array of objects a POST carries.
    private func records(in request: Request) async throws -> [JSONValue] {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: options.maxBodyBytes)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, "too_large", "the body is over \(options.maxBodyBytes) bytes")
        }
        let value: JSONValue
        do {
            value = try JSONValue(jsonText: String(decoding: buffer.readableBytesView, as: UTF8.self))
        } catch {
            throw APIError.badRequest("the body is not JSON")
        }
        let items: [JSONValue]
        switch value {
        case .array(let array): items = array
        case .object: items = [value]
        default: throw APIError.badRequest("the body must be a JSON object or an array of objects")
        }
        guard items.count <= options.maxRecordsPerRequest else {
            throw APIError(.contentTooLarge, "too_many_records", "a request carries at most \(options.maxRecordsPerRequest) records")
        }
        return items
    }

    private func listCalls(_ request: Request) async throws -> Response {
        let query = try ListQuery(request.uri.queryParameters, maxLimit: options.maxPageSize)
        let calls: [Call]
        do {
            calls = try await ledger.calls(query.filter, limit: query.limit, after: query.cursor)
        } catch let error as LedgerError {
            throw APIError(error)
        }
        let next: JSONValue = calls.count == query.limit ? calls.last.map { .string(PageCursor(after: $0).token) } ?? .null : .null
        return Response.json(["calls": .array(calls.map(\.json)), "next": next])
    }

    private func call(_ id: String) async throws -> Response {
        guard id.utf8.count == 36, let uuid = UUID(uuidString: id) else { throw APIError.badRequest("id: must be a UUID") }
        let found: Call?
        do {
            found = try await ledger.call(id: uuid)
        } catch let error as LedgerError {
            throw APIError(error)
        }
        guard let found else { throw APIError(.notFound, "not_found", "no call has this id") }
        return Response.json(found.json)
    }

    private func overview(_ request: Request) async throws -> Response {
        let query = try ListQuery(request.uri.queryParameters, maxLimit: options.maxPageSize)
        let usage: UsageSummary
        do {
            usage = try await ledger.usage(query.filter)
        } catch let error as LedgerError {
            throw APIError(error)
        }
        func count(_ value: Int64?) -> JSONValue { value.map(JSONValue.int) ?? .null }
        return Response.json([
            "calls": .int(usage.calls), "successes": .int(usage.successes), "errors": .int(usage.errors),
            "partials": .int(usage.partials), "input_tokens": count(usage.tokens.input), "output_tokens": count(usage.tokens.output),
            "cache_read_tokens": count(usage.tokens.cacheRead), "cache_write_tokens": count(usage.tokens.cacheWrite),
            "reasoning_tokens": count(usage.tokens.reasoning), "cost_usd": .string("\(usage.costUSD)"),
            "unpriced_calls": .int(usage.unpricedCalls), "average_latency_ms": usage.averageLatencyMs.map(JSONValue.double) ?? .null,
        ])
    }

    /// `field: reason` into its parts.
    private static func split(_ message: String) -> (String, String) {
        guard let colon = message.firstIndex(of: ":") else { return ("", message) }
        return (String(message[..<colon]), message[message.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
}
