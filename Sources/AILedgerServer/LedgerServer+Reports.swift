import AILedger
import Foundation
import Hummingbird

extension LedgerServer {
    /// Failed calls, newest first, each with the interaction it served: a page.
    func failures(_ request: Request) async throws -> Response {
        let query = try ListQuery(request.uri.queryParameters, maxLimit: options.maxPageSize)
        let found: [Failure]
        do {
            found = try await ledger.failures(query.filter, limit: query.limit, after: query.cursor)
        } catch let error as LedgerError {
            throw APIError(error)
        }
        let next: JSONValue = found.count == query.limit ? found.last.map { .string(PageCursor(after: $0.call).token) } ?? .null : .null
        return Response.json(["failures": .array(found.map(\.json)), "next": next])
    }

    /// Interactions by outcome and type, processing-time percentiles, feedback and quality.
    func interactionOverview(_ request: Request) async throws -> Response {
        let query = try ListQuery(request.uri.queryParameters, maxLimit: options.maxPageSize)
        let overview: InteractionOverview
        do {
            overview = try await ledger.interactionOverview(query.filter)
        } catch let error as LedgerError {
            throw APIError(error)
        }
        let counts = overview.counts
        return Response.json([
            "interactions": .int(counts.interactions), "successes": .int(counts.successes), "errors": .int(counts.errors),
            "partials": .int(counts.partials), "success_rate": Self.number(counts.successRate),
            "conversations": .int(counts.conversations), "users": .int(counts.users),
            "average_latency_ms": Self.number(overview.averageLatencyMs), "latency_p50_ms": Self.number(overview.latencyP50),
            "latency_p95_ms": Self.number(overview.latencyP95), "latency_p99_ms": Self.number(overview.latencyP99),
            "feedback": ["accepted": .int(overview.accepted), "rejected": .int(overview.rejected),
                         "modified": .int(overview.modified), "none": .int(overview.withoutFeedback)],
            "average_quality_score": Self.number(overview.averageQualityScore),
            "with_missing_variables": .int(overview.withMissingVariables), "completeness": Self.number(overview.completeness),
            "by_type": .array(overview.byType.map { type in
                ["interaction_type": type.interactionType.map(JSONValue.string) ?? .null,
                 "interactions": .int(type.interactions), "errors": .int(type.errors)]
            }),
        ])
    }

    /// Latency percentiles per time bucket.
    func latencySeries(_ request: Request, bucket name: String) async throws -> Response {
        let query = try ListQuery(request.uri.queryParameters, maxLimit: options.maxPageSize)
        guard let bucket = TimeBucket(rawValue: name) else {
            throw APIError.badRequest("bucket: must be one of \(TimeBucket.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let found: [LatencyPercentiles]
        let source: AggregateSource
        do {
            found = try await ledger.latencyPercentiles(by: bucket, query.filter)
            source = try await ledger.aggregateSource(for: query.filter, over: bucket, percentiles: true)
        } catch let error as LedgerError {
            throw APIError(error)
        }
        return sourced(Response.json(["buckets": .array(found.map { bucket in
            ["start": Self.time(bucket.start), "timed_calls": .int(bucket.timed),
             "latency_p50_ms": Self.number(bucket.p50), "latency_p95_ms": Self.number(bucket.p95), "latency_p99_ms": Self.number(bucket.p99)]
        })]), source)
    }

    /// How many interactions arrived with input variables missing, and which.
    func dataQuality(_ request: Request) async throws -> Response {
        let query = try ListQuery(request.uri.queryParameters, maxLimit: options.maxPageSize)
        let report: DataQualityReport
        do {
            report = try await ledger.dataQuality(query.filter)
        } catch let error as LedgerError {
            throw APIError(error)
        }
        return Response.json(report.json)
    }

    /// Users' verdicts per prompt and version.
    func feedbackReport(_ request: Request) async throws -> Response {
        let query = try ListQuery(request.uri.queryParameters, maxLimit: options.maxPageSize)
        let summaries: [FeedbackSummary]
        do {
            summaries = try await ledger.feedbackSummary(query.filter)
        } catch let error as LedgerError {
            throw APIError(error)
        }
        return Response.json(["prompts": .array(summaries.map(\.json))])
    }

    /// Every record of `kind` matching the query, streamed as CSV or JSON Lines page by page,
    /// in constant memory.
    func export(_ request: Request, kind name: String) throws -> Response {
        guard let kind = RecordKind(rawValue: name) else {
            throw APIError.badRequest("kind: must be calls, interactions or conversations")
        }
        var parameters = request.uri.queryParameters.filter { $0.key != "format" }
        let formatName = request.uri.queryParameters["format"].map(String.init) ?? "csv"
        guard let format = ExportFormat(rawValue: formatName) else { throw APIError.badRequest("format: must be csv or jsonl") }
        parameters = parameters.filter { $0.key != "limit" && $0.key != "after" }
        let query = try ListQuery(parameters, maxLimit: options.maxPageSize)
        let ledger = ledger
        let body = ResponseBody { writer in
            _ = try await ledger.export(kind, query.filter, format: format) { chunk in
                var buffer = ByteBuffer()
                buffer.writeString(chunk)
                try await writer.write(buffer)
            }
            try await writer.finish(nil)
        }
        let type = format == .csv ? "text/csv; charset=utf-8" : "application/jsonl"
        return Response(status: .ok, headers: [.contentType: type,
                                               .contentDisposition: "attachment; filename=\"\(kind.rawValue).\(format.rawValue)\""],
                        body: body)
    }
}
