#!/usr/bin/env python3
"""Writes Sources/AILedgerServer/OpenAPIDocument.swift: the OpenAPI 3.1 description of
every route of `ailedger serve`. Edit this script, not the Swift file, and run
`make openapi`; `make test` runs schemathesis against the served document."""
import json
import os
S = lambda **k: k
ref = lambda n: {"$ref": f"#/components/schemas/{n}"}
string, integer, number, boolean = {"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "boolean"}
nstring, ninteger, nnumber = {"type": ["string", "null"]}, {"type": ["integer", "null"]}, {"type": ["number", "null"]}
uuid = {"type": "string", "format": "uuid"}
anyjson = {}
def obj(props, required=(), extra=True):
    o = {"type": "object", "properties": props}
    if required: o["required"] = list(required)
    if not extra: o["additionalProperties"] = False
    return o
errors = lambda *codes: {str(c): {"$ref": f"#/components/responses/E{c}"} for c, d in codes}
error_response = lambda d: {"description": d, "content": {"application/json": {"schema": ref("Error")}}}
E400 = (400, "Bad input: the message names the field or parameter")
E401 = (401, "No valid API key")
E403 = (403, "The key's role does not allow this route")
E404 = (404, "No record has this id")
E413 = (413, "The body or the number of records is over the limit")
E503 = (503, "The database does not answer, or records wait in the outbox")
E415 = (415, "A Content-Encoding other than gzip or identity")
E429 = (429, "The key is over its rate; see Retry-After")
def ok(schema, description="OK"):
    return {"200": {"description": description, "content": {"application/json": {"schema": schema}}}}
def sourced(responses):
    """Adds the AILedger-Source header to a 200 response."""
    responses["200"]["headers"] = {"AILedger-Source": {"description": "Where the answer was read from: the hourly or daily rollups, or the raw rows",
                                                       "schema": {"enum": ["rollups", "raw-rows"]}}}
    return responses

call_fields = {
    "id": uuid, "interaction_id": uuid, "conversation_id": uuid, "external_id": string,
    "created_at": {"type": "string", "description": "ISO-8601 UTC time"}, "model": string, "model_version": string,
    "provider": string, "call_type": string, "status": {"enum": ["success", "error", "partial"]}, "user_id": string,
    "input_tokens": integer, "output_tokens": integer, "cache_read_tokens": integer, "cache_write_tokens": integer,
    "cache_write_1h_tokens": integer, "reasoning_tokens": integer,
    "input_audio_tokens": integer, "input_image_tokens": integer, "cache_read_audio_tokens": integer,
    "cache_read_image_tokens": integer, "output_audio_tokens": integer, "output_image_tokens": integer,
    "service_tier": {"type": "string", "description": "The service tier the provider ran the call at (default, flex, priority, batch or another); it selects the price."},
    "cost_usd": {"type": ["string", "number"], "description": "A decimal amount; send it as a string to keep it exact"},
    "cost_source": {"enum": ["provided", "computed", "unpriced"]}, "latency_ms": number, "input_text": string,
    "output_text": string, "request": anyjson, "response": anyjson, "error_code": string, "error_message": string,
    "metadata": {"type": "object"},
}
interaction_fields = {
    "id": uuid, "conversation_id": uuid, "external_id": string, "created_at": string, "interaction_type": string,
    "status": {"enum": ["success", "error", "partial"]}, "session_id": string, "user_id": string, "contact_id": string,
    "device_id": string, "persona_id": string, "ip_address": string, "prompt_id": string, "prompt_version": string,
    "prompt_hash": string, "latency_ms": number, "input_text": string, "output_text": string, "request": anyjson,
    "response": anyjson, "structured_output": anyjson, "input_variables": anyjson,
    "missing_variables": {"type": "array", "items": string}, "error_code": string, "error_message": string,
    "error_details": anyjson, "feedback": {"enum": ["accepted", "rejected", "modified"]}, "feedback_comment": string,
    "quality_score": integer, "edit_distance": integer, "feedback_at": string, "metadata": {"type": "object"},
}
sql_query_fields = {
    "statement": string, "database": string, "result_count": {"type": "integer", "minimum": 0}, "duration_ms": number,
    "status": {"enum": ["success", "error", "partial"]}, "error_message": string,
}
conversation_fields = {
    "id": uuid, "external_id": string, "created_at": string, "user_id": string, "contact_id": string,
    "device_id": string, "persona_id": string, "channel": string, "title": string, "metadata": {"type": "object"},
}
summary = obj({k: integer for k in ["calls", "successes", "errors", "partials", "unpriced_calls"]} |
              {k: ninteger for k in ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens"]} |
              {"cost_usd": string, "average_latency_ms": nnumber},
              ["calls", "cost_usd"])
schemas = {
    "Error": obj({"error": obj({"code": string, "message": string}, ["code", "message"])}, ["error"]),
    "Call": obj(call_fields, ["id", "model", "created_at", "status"]),
    "Interaction": obj(interaction_fields | {"sql_queries": {"type": "array", "items": ref("SQLQuery")}}, ["id", "created_at", "status"]),
    "SQLQuery": obj(sql_query_fields, ["statement", "status"]),
    "SQLQueryInput": {"oneOf": [string, obj(sql_query_fields, ["statement"], extra=False)]},
    "Conversation": obj(conversation_fields, ["id", "created_at"]),
    "CallInput": obj(call_fields, extra=False),
    "InteractionInput": obj(interaction_fields | {"calls": {"type": "array", "items": ref("CallInput")},
                                                  "sql_queries": {"type": "array", "items": ref("SQLQueryInput")},
                                                  "intent": {"type": "string", "description": "Another name for interaction_type"},
                                                  "database_used": {"type": "string", "description": "The database of statements that name none"},
                                                  "sql_results_count": {"type": "integer", "minimum": 0, "description": "The result count of a single statement"}},
                            extra=False),
    "ConversationInput": obj(conversation_fields, extra=False),
    "Ingested": obj({"accepted": integer, "rejected": {"type": "array", "items": obj({"index": integer, "field": string, "reason": string, "part": string}, ["index", "field", "reason"])}}, ["accepted", "rejected"]),
    "Summary": summary,
    "Groups": obj({"groups": {"type": "array", "items": ref("Group")}}, ["groups"]),
    "Transcript": {"allOf": [ref("Conversation"), obj({"turns": {"type": "array", "items": {"allOf": [ref("Interaction"), obj({"calls": {"type": "array", "items": ref("Call")}})]}},
                                                       "other_calls": {"type": "array", "items": ref("Call")}, "totals": ref("Summary")}, ["turns", "other_calls", "totals"])]},
    "Group": {"allOf": [summary, obj({"key": nstring, "start": string})]},
    "CallTotals": {"allOf": [summary, obj({"latency_p50_ms": nnumber, "latency_p95_ms": nnumber, "latency_p99_ms": nnumber, "success_rate": nnumber})]},
    "SQLQueryReport": obj({"queries": integer, "interactions": integer, "failed": integer, "success_rate": nnumber, "results": integer,
        "average_results": nnumber, "average_duration_ms": nnumber,
        "by_database": {"type": "array", "items": ref("SQLQueryGroup")}, "by_intent": {"type": "array", "items": ref("SQLQueryGroup")},
        "top_statements": {"type": "array", "items": obj({"fingerprint": string, "queries": integer, "failed": integer, "results": integer,
                                                          "average_duration_ms": nnumber, "last_run_at": string})},
        "recent_failures": {"type": "array", "items": {"allOf": [ref("SQLQuery"), obj({"interaction_id": uuid, "at": string})]}}},
        ["queries", "interactions", "failed", "results", "by_database", "by_intent", "top_statements", "recent_failures"]),
    "SQLQueryGroup": obj({"key": nstring, "queries": integer, "failed": integer, "results": integer, "average_duration_ms": nnumber}),
    "Price": obj({"model": string, "provider": string, "effective_from": string, "source": string,
                  "input": {"type": ["string", "number"]}, "output": {"type": ["string", "number"]}, "tiers": {"type": "array"}},
                 ["model", "effective_from"]),
    "Prices": obj({"prices": {"type": "array", "items": ref("Price")}}, ["prices"]),
    "OTLPTraces": obj({"resourceSpans": {"type": "array", "items": {"type": "object"}}}),
    "RpcStatus": obj({"code": integer, "message": string}, ["message"]),
    "Feedback": obj({"feedback": {"enum": ["accepted", "rejected", "modified"]}, "feedback_comment": string, "quality_score": integer, "edit_distance": integer}, ["feedback"], extra=False),
}
list_param_defs = [
    {"name": n, "in": "query", "required": False, "schema": s, "description": d} for n, s, d in [
        ("since", string, "At or after: YYYY-MM-DD, an ISO-8601 UTC time, or 30m, 24h, 7d, 2w before now"),
        ("until", string, "Before: the same forms as since"), ("user_id", string, "Only this user"),
        ("model", string, "Only calls to this model"), ("provider", string, "Only this provider"),
        ("status", {"enum": ["success", "error", "partial"]}, "Only this status"), ("call_type", string, "Only this call type"),
        ("interaction_type", string, "Only this interaction type"), ("conversation_id", uuid, "Only this conversation"),
        ("interaction_id", uuid, "Only this interaction"), ("prompt_id", string, "Only this prompt"),
        ("prompt_version", string, "Only this prompt version"),
        ("feedback", {"enum": ["accepted", "rejected", "modified"]}, "Only interactions with this verdict"),
        ("min_quality_score", {"type": "integer", "minimum": -99999999, "maximum": 999999999}, "Only interactions scored at least this"),
        ("max_quality_score", {"type": "integer", "minimum": -99999999, "maximum": 999999999}, "Only interactions scored at most this"),
        ("min_cost_usd", {"type": "string", "pattern": "^[0-9]{1,12}(\\.[0-9]{1,12})?$"}, "Only records that cost at least this many US dollars"),
        ("missing_variable", string, "Only interactions that reported this input variable missing"),
        ("has_missing_variables", {"enum": ["true", "false"]}, "Only interactions with (or without) missing input variables"),
        ("device_id", string, "Only this device"), ("contact_id", string, "Only this contact"),
        ("persona_id", string, "Only this persona"), ("text", string, "Only records whose input or output text contains this"),
    ]]
list_params = [{"$ref": f"#/components/parameters/{p['name']}"} for p in list_param_defs]
page_param_defs = [
    {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 1000}, "description": "Records per page, 1 to 1,000 (default 50)"},
    {"name": "after", "in": "query", "required": False, "schema": string, "description": "The next cursor of the previous page"},
]
page_params = [{"$ref": f"#/components/parameters/{p['name']}"} for p in page_param_defs]
id_param = {"name": "id", "in": "path", "required": True, "schema": uuid}
def page(kind, item):
    return ok(obj({kind: {"type": "array", "items": ref(item)}, "next": nstring}, [kind, "next"]))
def post(input_schema, summary_text, extra_params=()):
    return {"post": {"summary": summary_text, "parameters": list(extra_params),
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"oneOf": [ref(input_schema), {"type": "array", "items": ref(input_schema)}]}}}},
        "responses": ok(ref("Ingested"), "Accepted records, and the rejected ones by index and field") | errors(E400, E401, E403, E413, E415, E429, E503)}}
hours = {"name": "hours", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 87600},
         "description": "Hours to look back (default 24)"}
wait = {"name": "wait", "in": "query", "required": False, "schema": {"enum": ["commit"]}, "description": "Answer once the records are committed"}
kinds = [("calls", "Call", "CallInput"), ("interactions", "Interaction", "InteractionInput"), ("conversations", "Conversation", "ConversationInput")]
paths = {
    "/healthz": {"get": {"summary": "The process is up", "security": [], "responses": ok(obj({"status": string}, ["status"]))}},
    "/readyz": {"get": {"summary": "The database answers and nothing waits in the outbox", "security": [], "responses": ok(obj({"status": string}, ["status"])) | errors(E503)}},
    "/openapi.json": {"get": {"summary": "This document", "security": [], "responses": ok({"type": "object"})}},
    "/metrics": {"get": {"summary": "Prometheus text: requests by route and status, latency histograms, the writer's counters", "security": [],
        "responses": {"200": {"description": "The metrics", "content": {"text/plain": {"schema": string}}}}}},
    "/v1/batch": {"post": {"summary": "Any mix of records, and feedback", "parameters": [wait],
        "requestBody": {"required": True, "content": {"application/json": {"schema": obj({
            "conversations": {"type": "array", "items": ref("ConversationInput")}, "interactions": {"type": "array", "items": ref("InteractionInput")},
            "calls": {"type": "array", "items": ref("CallInput")},
            "feedback": {"type": "array", "items": {"allOf": [ref("Feedback")], "type": "object", "properties": {"interaction_id": uuid}}}}, extra=False)}}},
        "responses": ok(ref("Ingested")) | errors(E400, E401, E403, E413, E415, E429, E503)}},
    "/v1/interactions/{id}/feedback": {"post": {"summary": "A user's verdict on an interaction", "parameters": [id_param],
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Feedback")}}},
        "responses": ok(obj({"recorded": boolean}, ["recorded"])) | errors(E400, E401, E403, E404, E413, E415, E429, E503)}},
    "/v1/stats/overview": {"get": {"summary": "Totals, latency percentiles and success rate over the matching calls", "parameters": list_params,
        "responses": sourced(ok(ref("CallTotals"))) | errors(E400, E401, E403, E429, E503)}},
    "/v1/stats/interactions": {"get": {"summary": "Interactions by outcome and type, processing-time percentiles, feedback and quality", "parameters": list_params,
        "responses": ok(obj({"interactions": integer, "successes": integer, "errors": integer, "partials": integer, "success_rate": nnumber,
                             "conversations": integer, "users": integer, "average_latency_ms": nnumber, "latency_p50_ms": nnumber,
                             "latency_p95_ms": nnumber, "latency_p99_ms": nnumber,
                             "feedback": obj({"accepted": integer, "rejected": integer, "modified": integer, "none": integer},
                                             ["accepted", "rejected", "modified", "none"]),
                             "average_quality_score": nnumber, "with_missing_variables": integer, "completeness": nnumber,
                             "by_type": {"type": "array", "items": obj({"interaction_type": nstring, "interactions": integer, "errors": integer},
                                                                       ["interaction_type", "interactions", "errors"])}},
                            ["interactions", "successes", "errors", "partials", "feedback", "by_type"])) | errors(E400, E401, E403, E429, E503)}},
    "/v1/stats/by/{dimension}": {"get": {"summary": "Totals per value of a dimension, most expensive first",
        "parameters": [{"name": "dimension", "in": "path", "required": True, "schema": {"enum": ["model", "provider", "user", "call-type", "status", "conversation", "error-code", "interaction-type", "prompt-version", "persona", "device", "contact"]}},
                       {"name": "top", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 99999999}}] + list_params,
        "responses": sourced(ok(ref("Groups"))) | errors(E400, E401, E403, E429, E503)}},
    "/v1/stats/series/{bucket}": {"get": {"summary": "Totals per time bucket, in time order; with by, per bucket and value of a dimension (each group's start and key), the top values by cost keeping their own groups and the rest summed under a null key",
        "parameters": [{"name": "bucket", "in": "path", "required": True, "schema": {"enum": ["hour", "day", "week", "month", "hour-of-day"]}},
                       {"name": "by", "in": "query", "required": False, "schema": {"enum": ["model", "provider", "user", "call-type", "status", "conversation", "error-code", "interaction-type", "prompt-version", "persona", "device", "contact"]}},
                       {"name": "top", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 99999999}}] + list_params,
        "responses": sourced(ok(ref("Groups"))) | errors(E400, E401, E403, E429, E503)}},
    "/v1/stats/latency/{bucket}": {"get": {"summary": "Latency percentiles (nearest rank) per time bucket, in time order; buckets without a timed call left out",
        "parameters": [{"name": "bucket", "in": "path", "required": True, "schema": {"enum": ["hour", "day", "week", "month"]}}] + list_params,
        "responses": sourced(ok(obj({"buckets": {"type": "array", "items": obj({"start": string, "timed_calls": integer, "latency_p50_ms": nnumber,
                                                                       "latency_p95_ms": nnumber, "latency_p99_ms": nnumber},
                                                                      ["start", "timed_calls", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms"])}},
                            ["buckets"]))) | errors(E400, E401, E403, E429, E503)}},
    "/v1/stats/failures": {"get": {"summary": "Failed calls, newest first, each with its interaction", "parameters": list_params + page_params,
        "responses": ok(obj({"failures": {"type": "array", "items": {"allOf": [ref("Call"), obj({"interaction": {"oneOf": [ref("Interaction"), {"type": "null"}]}})]}}, "next": nstring}, ["failures", "next"])) | errors(E400, E401, E403, E429, E503)}},
    "/v1/stats/data-quality": {"get": {"summary": "Interactions that arrived with input variables missing", "parameters": list_params,
        "responses": ok(obj({"interactions": integer, "with_missing_variables": integer, "completeness": nnumber,
                             "missing_variables": {"type": "array", "items": obj({"variable": string, "interaction_type": nstring, "count": integer})}},
                            ["interactions", "with_missing_variables", "missing_variables"])) | errors(E400, E401, E403, E429, E503)}},
    "/v1/stats/feedback": {"get": {"summary": "Users' verdicts per prompt and version", "parameters": list_params,
        "responses": ok(obj({"prompts": {"type": "array", "items": obj({"prompt_id": nstring, "prompt_version": nstring, "interactions": integer,
            "accepted": integer, "rejected": integer, "modified": integer, "acceptance_rate": nnumber,
            "average_quality_score": nnumber, "average_edit_distance": nnumber})}}, ["prompts"])) | errors(E400, E401, E403, E429, E503)}},
    "/v1/traces": {"post": {"summary": "OTLP/HTTP: OpenTelemetry GenAI spans become calls, interactions and conversations (docs/OTLP.md)",
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref("OTLPTraces")},
                                                      "application/x-protobuf": {"schema": {"type": "string", "format": "binary"}}}},
        "responses": {"200": {"description": "Taken; a partial success counts the rejected spans",
                              "content": {"application/json": {"schema": obj({"partialSuccess": obj({"rejectedSpans": string, "errorMessage": string})})},
                                          "application/x-protobuf": {"schema": {"type": "string", "format": "binary"}}}}}
                     | {str(code): {"description": text, "content": {"application/json": {"schema": ref("RpcStatus")},
                                                                   "application/x-protobuf": {"schema": {"type": "string", "format": "binary"}}}}
                        for code, text in [E400, E401, E403, E413, E415, E429, E503]}}},
    "/v1/stats/sql-queries": {"get": {"summary": "The SQL the matching interactions ran: volume, per database and intent, failures, the most frequent statements",
        "parameters": list_params + [{"name": "top", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 99999999}}],
        "responses": ok(ref("SQLQueryReport")) | errors(E400, E401, E403, E429, E503)}},
    "/v1/prices": {
        "get": {"summary": "The prices calls are billed at, in the price-file format", "responses": ok(ref("Prices")) | errors(E401, E403, E429)},
        "post": {"summary": "Store prices for every process using the database (admin)",
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Prices")}}},
            "responses": ok(obj({"stored": integer}, ["stored"])) | errors(E400, E401, E403, E413, E415, E429, E503)}},
    "/v1/prices/{model}": {"get": {"summary": "The price a call to a model is billed at, and the rule that found it",
        "parameters": [{"name": "model", "in": "path", "required": True, "schema": string},
                       {"name": "provider", "in": "query", "required": False, "schema": string},
                       {"name": "at", "in": "query", "required": False, "schema": string, "description": "When the call was made (default: now)"}],
        "responses": ok(obj({"model": string, "rule": {"enum": ["exact", "snapshot", "pattern"]}, "price": ref("Price")}, ["model", "rule", "price"])) | errors(E400, E401, E403, E404, E429)}},
    "/logging-dashboard/overview": {"get": {"summary": "Seed 004: messages, model calls, cost and SQL over the last hours",
        "parameters": [hours], "responses": ok(obj({"hours": integer, "since": string, "messages": {"type": "object"}, "conversations": integer,
            "users": integer, "llm_calls": ref("CallTotals"), "top_models": {"type": "array", "items": ref("Group")},
            "top_functions": {"type": "array", "items": ref("Group")}, "sql_queries": {"type": "object"}},
            ["hours", "messages", "llm_calls", "top_models", "top_functions", "sql_queries"])) | errors(E400, E401, E403, E429, E503)}},
    "/logging-dashboard/conversation/{conversation_id}/detailed": {"get": {"summary": "Seed 004: a conversation in full, by its id or the application's own id",
        "parameters": [{"name": "conversation_id", "in": "path", "required": True, "schema": string}],
        "responses": ok({"allOf": [ref("Transcript"), obj({"summary": {"type": "object"}}, ["summary"])]}) | errors(E400, E401, E403, E404, E429, E503)}},
    "/logging-dashboard/llm-calls/analysis": {"get": {"summary": "Seed 004: model calls over the last hours, per model, function and hour, and the latest failures",
        "parameters": [hours, {"name": "model", "in": "query", "required": False, "schema": string},
                       {"name": "function_name", "in": "query", "required": False, "schema": string}],
        "responses": ok(obj({"hours": integer, "since": string, "model": nstring, "function_name": nstring, "summary": ref("CallTotals"),
            "by_model": {"type": "array", "items": ref("Group")}, "by_function": {"type": "array", "items": ref("Group")},
            "hourly": {"type": "array", "items": ref("Group")}, "recent_failures": {"type": "array", "items": {"type": "object"}}},
            ["hours", "summary", "by_model", "by_function", "hourly", "recent_failures"])) | errors(E400, E401, E403, E429, E503)}},
    "/logging-dashboard/sql-queries/analysis": {"get": {"summary": "Seed 004: the SQL interactions ran over the last hours",
        "parameters": [hours], "responses": ok({"allOf": [ref("SQLQueryReport"), obj({"hours": integer, "since": string}, ["hours"])]}) | errors(E400, E401, E403, E429, E503)}},
    "/v1/export/{kind}": {"get": {"summary": "Every matching record as CSV or JSON Lines, streamed",
        "parameters": [{"name": "kind", "in": "path", "required": True, "schema": {"enum": ["calls", "interactions", "conversations"]}},
                       {"name": "format", "in": "query", "required": False, "schema": {"enum": ["csv", "jsonl"]}}] + list_params,
        "responses": {"200": {"description": "The records", "content": {"text/csv": {"schema": string}, "application/jsonl": {"schema": string}}}} | errors(E400, E401, E403, E429, E503)}},
}
for kind, item, inp in kinds:
    paths[f"/v1/{kind}"] = post(inp, f"Record {kind}", [wait]) | {"get": {"summary": f"A page of {kind}, newest first", "parameters": list_params + page_params,
        "responses": page(kind, item) | errors(E400, E401, E403, E429, E503)}}
    one = ref("Transcript") if kind == "conversations" else ref(item)
    paths[f"/v1/{kind}/{{id}}"] = {"get": {"summary": f"One of the {kind} by id", "parameters": [id_param],
        "responses": ok(one) | errors(E400, E401, E403, E404, E429, E503)}}
doc = {"openapi": "3.1.0",
       "info": {"title": "AILedger", "version": "1", "description": "The ledger of AI calls, interactions and conversations, over HTTP. Every route but the health checks and this document needs an API key (Authorization: Bearer KEY). Request bodies may be gzipped (Content-Encoding: gzip); the limit applies after decompression."},
       "security": [{"bearer": []}],
       "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}, "schemas": schemas,
                      "parameters": {p["name"]: p for p in list_param_defs + page_param_defs},
                      "responses": {f"E{c}": error_response(d) for c, d in [E400, E401, E403, E404, E413, E415, E429, E503]}},
       "paths": dict(sorted(paths.items()))}
text = json.dumps(doc, indent=2, sort_keys=True)
swift = '''/// The OpenAPI 3.1 description of every route, served at `/openapi.json`; a test runs
/// schemathesis against it on a live server, so it stays true.
enum OpenAPIDocument {
    static let json = #"""
''' + text + '''
"""#
}
'''
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(root, "Sources", "AILedgerServer", "OpenAPIDocument.swift"), "w") as out:
    out.write(swift)
