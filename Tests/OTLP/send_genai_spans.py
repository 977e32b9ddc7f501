"""Sends GenAI spans to `ailedger serve` through the real OpenTelemetry SDK and its
OTLP/HTTP protobuf exporter, in the conventions real instrumentations use: the current
GenAI conventions, the legacy ones (OpenLLMetry), OpenLIT's Anthropic counts (cache left
out of input), OpenInference, an error, an agent span with nested calls and a
conversation over several traces. The same batch is exported twice.

Usage: send_genai_spans.py ENDPOINT KEY TAG   (prints the trace ids it sent, as JSON)
"""
import json
import sys

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http import Compression
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter, SpanExportResult
from opentelemetry.trace import SpanKind, Status, StatusCode

endpoint, key, tag = sys.argv[1], sys.argv[2], sys.argv[3]


class Collect(SpanExporter):
    """Keeps finished spans, to export them in one batch (twice) with the real exporter."""

    def __init__(self):
        self.spans = []

    def export(self, spans):
        self.spans.extend(spans)
        return SpanExportResult.SUCCESS


collected = Collect()
provider = TracerProvider(resource=Resource.create({"service.name": "support-app", "deployment.environment": "test"}))
provider.add_span_processor(SimpleSpanProcessor(collected))
genai = provider.get_tracer("opentelemetry.instrumentation.openai_v2", "2.1b0")
openllmetry = provider.get_tracer("opentelemetry.instrumentation.anthropic", "0.40.0")
openlit = provider.get_tracer("openlit.otel.tracing", "1.33.0")
openinference = provider.get_tracer("openinference.instrumentation.openai", "0.1.30")
conversation = "conv-" + tag
traces = {}

# An HTTP request, an agent, two model calls in the current conventions and a tool call.
with genai.start_as_current_span("POST /chat", kind=SpanKind.SERVER) as root:
    root.set_attribute("http.request.method", "POST")
    traces["agent"] = format(root.get_span_context().trace_id, "032x")
    with genai.start_as_current_span("invoke_agent support-bot") as agent:
        agent.set_attributes({"gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "support-bot",
                              "gen_ai.conversation.id": conversation, "user.id": tag})
        with genai.start_as_current_span("chat gpt-4o", kind=SpanKind.CLIENT) as span:
            span.set_attributes({
                "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o",
                "gen_ai.response.model": "gpt-4o-2024-08-06", "gen_ai.response.id": "chatcmpl-" + tag,
                "gen_ai.usage.input_tokens": 1200, "gen_ai.usage.output_tokens": 300,
                "gen_ai.usage.cache_read.input_tokens": 1024, "user.id": tag,
                "gen_ai.input.messages": json.dumps([{"role": "user", "parts": [{"type": "text", "content": "Where is my order?"}]}]),
                "gen_ai.output.messages": json.dumps([{"role": "assistant", "parts": [{"type": "text", "content": "It ships today."}],
                                                       "finish_reason": "stop"}]),
            })
        with genai.start_as_current_span("chat claude-3-5-haiku", kind=SpanKind.CLIENT) as span:
            # Anthropic through the current conventions: input includes the cache.
            span.set_attributes({
                "gen_ai.operation.name": "chat", "gen_ai.provider.name": "anthropic",
                "gen_ai.request.model": "claude-3-5-haiku-20241022", "gen_ai.usage.input_tokens": 1520,
                "gen_ai.usage.output_tokens": 50, "gen_ai.usage.cache_read.input_tokens": 1000,
                "gen_ai.usage.cache_creation.input_tokens": 500, "user.id": tag,
            })
        with genai.start_as_current_span("execute_tool lookup_order") as tool:
            tool.set_attributes({"gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "lookup_order"})

# OpenLLMetry's legacy names, Anthropic, in the same conversation.
with openllmetry.start_as_current_span("anthropic.chat", kind=SpanKind.CLIENT) as span:
    traces["legacy"] = format(span.get_span_context().trace_id, "032x")
    span.set_attributes({
        "gen_ai.system": "Anthropic", "llm.request.type": "chat", "gen_ai.request.model": "claude-3-5-haiku-20241022",
        "gen_ai.usage.prompt_tokens": 1520, "gen_ai.usage.completion_tokens": 50,
        "gen_ai.usage.cache_read_input_tokens": 1000, "gen_ai.usage.cache_creation_input_tokens": 500,
        "gen_ai.conversation.id": conversation, "user.id": tag,
        "gen_ai.prompt.0.role": "user", "gen_ai.prompt.0.content": "Hello",
        "gen_ai.completion.0.role": "assistant", "gen_ai.completion.0.content": "Hi there",
    })

# OpenLIT forwards Anthropic's own counts: input leaves the cache out. With its cost.
with openlit.start_as_current_span("chat claude-3-5-haiku-20241022", kind=SpanKind.CLIENT) as span:
    traces["openlit"] = format(span.get_span_context().trace_id, "032x")
    span.set_attributes({
        "gen_ai.operation.name": "chat", "gen_ai.system": "anthropic", "gen_ai.request.model": "claude-3-5-haiku-20241022",
        "gen_ai.usage.input_tokens": 3000, "gen_ai.usage.output_tokens": 50,
        "gen_ai.usage.cache_read.input_tokens": 1000, "gen_ai.usage.cache_creation.input_tokens": 500,
        "gen_ai.usage.cost": 0.00123, "user.id": tag,
    })

# OpenInference, with reasoning inside the completion count.
with openinference.start_as_current_span("ChatCompletion", kind=SpanKind.INTERNAL) as span:
    traces["openinference"] = format(span.get_span_context().trace_id, "032x")
    span.set_attributes({
        "openinference.span.kind": "LLM", "llm.model_name": "gpt-4o-mini", "llm.provider": "openai",
        "llm.token_count.prompt": 500, "llm.token_count.completion": 100,
        "llm.token_count.prompt_details.cache_read": 256, "llm.token_count.completion_details.reasoning": 64,
        "input.value": "What is 2+2?", "output.value": "4", "user.id": tag,
    })

# A failed call, with the exception recorded.
with genai.start_as_current_span("chat gpt-4o", kind=SpanKind.CLIENT) as span:
    traces["error"] = format(span.get_span_context().trace_id, "032x")
    span.set_attributes({"gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai",
                         "gen_ai.request.model": "gpt-4o", "error.type": "rate_limit_exceeded", "user.id": tag})
    span.record_exception(RuntimeError("429 Too Many Requests"))
    span.set_status(Status(StatusCode.ERROR, "429 Too Many Requests"))

# Gemini through its provider name, and an embedding.
with genai.start_as_current_span("generate_content gemini-2.0-flash", kind=SpanKind.CLIENT) as span:
    traces["gemini"] = format(span.get_span_context().trace_id, "032x")
    span.set_attributes({"gen_ai.operation.name": "generate_content", "gen_ai.provider.name": "gcp.gemini",
                         "gen_ai.request.model": "gemini-2.0-flash", "gen_ai.usage.input_tokens": 100,
                         "gen_ai.usage.output_tokens": 10, "user.id": tag})
    with genai.start_as_current_span("embeddings text-embedding-3-small", kind=SpanKind.CLIENT) as embedding:
        embedding.set_attributes({"gen_ai.operation.name": "embeddings", "gen_ai.provider.name": "openai",
                                  "gen_ai.request.model": "text-embedding-3-small", "gen_ai.usage.input_tokens": 42,
                                  "user.id": tag})

provider.force_flush()
exporter = OTLPSpanExporter(endpoint=endpoint + "/v1/traces", headers={"Authorization": "Bearer " + key},
                            compression=Compression.Gzip, timeout=10)
first = exporter.export(collected.spans)
again = exporter.export(collected.spans)  # an exporter's retry: nothing may be stored twice
plain = OTLPSpanExporter(endpoint=endpoint + "/v1/traces", headers={"Authorization": "Bearer " + key}, timeout=10)
third = plain.export(collected.spans)  # and without gzip
print(json.dumps({"results": [first.name, again.name, third.name], "spans": len(collected.spans), "traces": traces}))
