import AILedger
import Foundation
import HTTPTypes
import Hummingbird

extension LedgerServer {
    func ready() async throws -> Response {
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

    /// A page of records of `kind`, newest first: `{"<kind>": [...], "next": CURSOR|null}`.
    func list(_ request: Request, _ kind: RecordKind) async throws -> Response {
        let query = try ListQuery(request.uri.queryParameters, maxLimit: options.maxPageSize)
        let (items, last): ([JSONValue], PageCursor?)
        do {
            switch kind {
            case .calls:
                let found = try await ledger.calls(query.filter, limit: query.limit, after: query.cursor)
                (items, last) = (found.map(\.json), found.last.map(PageCursor.init(after:)))
            case .interactions:
                let found = try await ledger.interactions(query.filter, limit: query.limit, after: query.cursor)
                (items, last) = (found.map(\.json), found.last.map(PageCursor.init(after:)))
            case .conversations:
                let found = try await ledger.conversations(query.filter, limit: query.limit, after: query.cursor)
                (items, last) = (found.map(\.json), found.last.map(PageCursor.init(after:)))
            }
        } catch let error as LedgerError {
            throw APIError(error)
        }
        let next: JSONValue = items.count == query.limit ? last.map { .string($0.token) } ?? .null : .null
        return Response.json([kind.rawValue: .array(items), "next": next])
    }

    /// One record of `kind` by id; 404 when there is none.
    func one(_ kind: RecordKind, id: String) async throws -> Response {
        guard id.utf8.count == 36, let uuid = UUID(uuidString: id) else { throw APIError.badRequest("id: must be a UUID") }
        let found: JSONValue?
        do {
            switch kind {
            case .calls: found = try await ledger.call(id: uuid)?.json
            case .interactions: found = try await ledger.interaction(id: uuid)?.json
            case .conversations: found = try await ledger.conversation(id: uuid)?.json
            }
        } catch let error as LedgerError {
            throw APIError(error)
        }
        guard let found else { throw APIError(.notFound, "not_found", "no record has this id") }
        return Response.json(found)
    }

    /// Totals, latency percentiles and success rate over the calls matching the query.
    func overview(_ request: Request) async throws -> Response {
        let query = try ListQuery(request.uri.queryParameters, maxLimit: options.maxPageSize)
        do {
            let response = Response.json(try await ledger.overview(query.filter).json)
            return sourced(response, try await ledger.aggregateSource(for: query.filter, percentiles: true))
        } catch let error as LedgerError {
            throw APIError(error)
        }
    }

    /// Totals per value of a dimension (`model`, `user`, `prompt-version`, ...), most
    /// expensive first, or per time bucket (`hour`, `day`, ...), in time order.
    func groups(_ request: Request, by name: String, series: Bool) async throws -> Response {
        let parameters = request.uri.queryParameters
        let query = try ListQuery(parameters.filter { !series || $0.key != "by" }, maxLimit: options.maxPageSize)
        let groups: [UsageGroup]
        let source: AggregateSource
        do {
            if series {
                guard let bucket = TimeBucket(rawValue: name) else {
                    throw APIError.badRequest("bucket: must be one of \(TimeBucket.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if let by = parameters["by"] {
                    guard let dimension = CallDimension(rawValue: String(by)) else {
                        throw APIError.badRequest("by: must be one of \(CallDimension.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    groups = try await ledger.usage(by: bucket, and: dimension, query.filter, top: query.top)
                    source = try await ledger.aggregateSource(for: query.filter, by: dimension, over: bucket)
                } else {
                    groups = try await ledger.usage(by: bucket, query.filter)
                    source = try await ledger.aggregateSource(for: query.filter, over: bucket)
                }
            } else {
                guard let dimension = CallDimension(rawValue: name) else {
                    throw APIError.badRequest("dimension: must be one of \(CallDimension.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                groups = try await ledger.usage(by: dimension, query.filter, top: query.top)
                source = try await ledger.aggregateSource(for: query.filter, by: dimension)
            }
        } catch let error as LedgerError {
            throw APIError(error)
        }
        return sourced(Response.json(["groups": .array(groups.map(\.json))]), source)
    }

    /// A conversation in full: its fields, its turns each with their calls, the calls of no
    /// turn, and its totals.
    func conversation(_ id: String) async throws -> Response {
        guard id.utf8.count == 36, let uuid = UUID(uuidString: id) else { throw APIError.badRequest("id: must be a UUID") }
        guard let transcript = try await transcript(uuid) else { throw APIError(.notFound, "not_found", "no record has this id") }
        return Response.json(transcript.json)
    }

    func transcript(_ id: UUID) async throws -> ConversationTranscript? {
        do {
            return try await ledger.transcript(ofConversation: id)
        } catch let error as LedgerError {
            throw APIError(error)
        }
    }

    /// `response` with the `AILedger-Source` header, which says whether the answer came
    /// from the rollups or the raw rows.
    func sourced(_ response: Response, _ source: AggregateSource) -> Response {
        var response = response
        response.headers[HTTPField.Name("AILedger-Source")!] = source.rawValue
        return response
    }
}
