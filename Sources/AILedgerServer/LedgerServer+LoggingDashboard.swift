import AILedger
import Foundation
import Hummingbird

/// Seed 004's dashboard endpoints, under their own names and parameters, so a team that
/// built against them can point its dashboard here.
extension LedgerServer {
    /// `GET /logging-dashboard/overview?hours=24`: messages, conversations, model calls,
    /// tokens, cost and latency over the last `hours`, the busiest models and functions, and
    /// the SQL run.
    func dashboardOverview(_ request: Request) async throws -> Response {
        let (hours, filter) = try Self.window(request, allowing: [])
        do {
            let messages = try await ledger.interactionCounts(filter)
            let calls = try await ledger.overview(filter)
            let models = try await ledger.usage(by: .model, filter, top: 10)
            let functions = try await ledger.usage(by: .callType, filter, top: 10)
            let sql = try await ledger.sqlQueryReport(filter, top: 0)
            return Response.json([
                "hours": .int(Int64(hours)), "since": Self.time(filter.since),
                "messages": ["total": .int(messages.interactions), "successful": .int(messages.successes),
                             "failed": .int(messages.errors), "partial": .int(messages.partials),
                             "success_rate": Self.number(messages.successRate)],
                "conversations": .int(messages.conversations), "users": .int(messages.users),
                "llm_calls": calls.json,
                "top_models": .array(models.map(\.json)), "top_functions": .array(functions.map(\.json)),
                "sql_queries": ["total": .int(sql.queries), "failed": .int(sql.failed), "results": .int(sql.results)],
            ])
        } catch let error as LedgerError {
            throw APIError(error)
        }
    }

    /// `GET /logging-dashboard/conversation/{id}/detailed`: the conversation in full, found
    /// by its id or by the application's own id for it, with seed 004's summary.
    func dashboardConversation(_ request: Request, id: String) async throws -> Response {
        guard !id.isEmpty, id.utf8.count <= 1_024 else { throw APIError.badRequest("conversation_id: must be an id") }
        let found: Conversation?
        do {
            if id.utf8.count == 36, let uuid = UUID(uuidString: id), let byID = try await ledger.conversation(id: uuid) {
                found = byID
            } else {
                found = try await ledger.conversation(externalID: id)
            }
        } catch let error as LedgerError {
            throw APIError(error)
        }
        guard let found, let transcript = try await transcript(found.id), case .object(var fields) = transcript.json else {
            throw APIError(.notFound, "not_found", "no conversation has this id")
        }
        let calls = transcript.usage
        fields["summary"] = [
            "total_messages": .int(Int64(transcript.messages)), "total_llm_calls": .int(calls.calls),
            "total_tokens_used": .int((calls.tokens.input ?? 0) + (calls.tokens.output ?? 0)), "total_cost": .string("\(calls.costUSD)"),
            "total_duration_ms": Self.number(transcript.totalLatencyMs), "success_rate": Self.number(transcript.turnSuccessRate),
            "first_message_at": Self.time(transcript.firstActivity), "last_message_at": Self.time(transcript.lastActivity),
            "last_user_input": transcript.lastInput.map(JSONValue.string) ?? .null,
            "last_agent_output": transcript.lastOutput.map(JSONValue.string) ?? .null,
        ]
        return Response.json(.object(fields))
    }

    /// `GET /logging-dashboard/llm-calls/analysis?hours=24&model=&function_name=`: the model
    /// calls of the window, per model, per function and per hour, and the latest failures.
    func dashboardCalls(_ request: Request) async throws -> Response {
        var (hours, filter) = try Self.window(request, allowing: ["model", "function_name"])
        filter.model = request.uri.queryParameters["model"].map(String.init)
        filter.callType = request.uri.queryParameters["function_name"].map(String.init)
        do {
            let calls = try await ledger.overview(filter)
            let models = try await ledger.usage(by: .model, filter)
            let functions = try await ledger.usage(by: .callType, filter)
            let hourly = try await ledger.usage(by: .hour, filter)
            let failures = try await ledger.failures(filter, limit: 20)
            return Response.json([
                "hours": .int(Int64(hours)), "since": Self.time(filter.since),
                "model": filter.model.map(JSONValue.string) ?? .null, "function_name": filter.callType.map(JSONValue.string) ?? .null,
                "summary": calls.json,
                "by_model": .array(models.map(\.json)), "by_function": .array(functions.map(\.json)),
                "hourly": .array(hourly.map(\.json)),
                "recent_failures": .array(failures.map { failure in
                    ["call_id": .string(failure.call.id.ledgerString), "created_at": Self.time(failure.call.createdAt),
                     "model": .string(failure.call.model), "function_name": failure.call.callType.map(JSONValue.string) ?? .null,
                     "error_code": failure.call.errorCode.map(JSONValue.string) ?? .null,
                     "error_message": failure.call.errorMessage.map(JSONValue.string) ?? .null]
                }),
            ])
        } catch let error as LedgerError {
            throw APIError(error)
        }
    }

    /// `GET /logging-dashboard/sql-queries/analysis?hours=24`: the SQL the window's
    /// interactions ran.
    func dashboardSQL(_ request: Request) async throws -> Response {
        let (hours, filter) = try Self.window(request, allowing: [])
        do {
            guard case .object(var fields) = Self.sqlReport(try await ledger.sqlQueryReport(filter)) else { return Response.json(.null) }
            fields["hours"] = .int(Int64(hours))
            fields["since"] = Self.time(filter.since)
            return Response.json(.object(fields))
        } catch let error as LedgerError {
            throw APIError(error)
        }
    }

    /// `GET /v1/stats/sql-queries`: the SQL report over the interactions the query matches.
    func sqlQueries(_ request: Request) async throws -> Response {
        let query = try ListQuery(request.uri.queryParameters, maxLimit: options.maxPageSize)
        do {
            return Response.json(Self.sqlReport(try await ledger.sqlQueryReport(query.filter, top: query.top ?? 20)))
        } catch let error as LedgerError {
            throw APIError(error)
        }
    }

    /// `hours` (1 to 87,600; 24 when absent) as a filter from that long ago; any parameter
    /// but `hours` and `allowed` is refused by name.
    static func window(_ request: Request, allowing allowed: Set<String>) throws -> (Int, LedgerFilter) {
        var hours = 24
        for (name, value) in request.uri.queryParameters {
            if value.utf8.contains(0) { throw APIError.badRequest("\(String(name.unicodeScalars.prefix(64))): must not contain a NUL character") }
            if name == "hours" {
                guard value.utf8.count <= 6, let number = Int(value), (1...87_600).contains(number) else {
                    throw APIError.badRequest("hours: must be a whole number from 1 to 87600")
                }
                hours = number
            } else if !allowed.contains(String(name)) {
                throw APIError.badRequest("\(String(name.unicodeScalars.prefix(64))): is not a known query parameter")
            }
        }
        return (hours, LedgerFilter(since: Date().addingTimeInterval(-Double(hours) * 3_600)))
    }

    static func sqlReport(_ report: SQLQueryReport) -> JSONValue {
        func group(_ group: SQLQueryGroup) -> JSONValue {
            ["key": group.key.map(JSONValue.string) ?? .null, "queries": .int(group.queries), "failed": .int(group.failed),
             "results": .int(group.results), "average_duration_ms": number(group.averageDurationMs)]
        }
        return [
            "queries": .int(report.queries), "interactions": .int(report.interactions), "failed": .int(report.failed),
            "success_rate": number(report.successRate), "results": .int(report.results),
            "average_results": number(report.averageResults), "average_duration_ms": number(report.averageDurationMs),
            "by_database": .array(report.byDatabase.map(group)), "by_intent": .array(report.byIntent.map(group)),
            "top_statements": .array(report.topStatements.map { statement in
                ["fingerprint": .string(statement.fingerprint), "queries": .int(statement.queries), "failed": .int(statement.failed),
                 "results": .int(statement.results), "average_duration_ms": number(statement.averageDurationMs),
                 "last_run_at": time(statement.lastRunAt)]
            }),
            "recent_failures": .array(report.recentFailures.map { failure in
                guard case .object(var fields) = failure.query.json else { return .null }
                fields["interaction_id"] = .string(failure.interactionID.ledgerString)
                fields["at"] = time(failure.at)
                return .object(fields)
            }),
        ]
    }

    /// A number, or null when there is none.
    static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.double) ?? .null }

    /// A time as RFC 3339 UTC, or null when there is none.
    static func time(_ date: Date?) -> JSONValue {
        date.map { .string(Timestamp.iso8601(microseconds: Timestamp.microseconds($0))) } ?? .null
    }
}
