#!/usr/bin/env python3
"""Records one model call in an AILedger server and reads back what it cost.

Standard library only. The call carries the provider's response exactly as OpenAI
returned it; the server reads the model and the token counts from it and prices them.

    python3 record_call.py http://127.0.0.1:8080      (AILEDGER_KEY=... when the server needs keys)
"""
import json
import os
import sys
import urllib.error
import urllib.request

base = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8080"


def request(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if os.environ.get("AILEDGER_KEY"):
        headers["Authorization"] = "Bearer " + os.environ["AILEDGER_KEY"]
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        problem = json.load(error)["error"]
        sys.exit(f"{method} {path}: {error.code} {problem['code']}: {problem['message']}")


# What the OpenAI chat completions API answered (abridged to the parts that matter).
openai_response = {
    "id": "chatcmpl-123",
    "object": "chat.completion",
    "model": "gpt-4o-mini-2024-07-18",
    "usage": {
        "prompt_tokens": 1200,
        "completion_tokens": 300,
        "prompt_tokens_details": {"cached_tokens": 1024},
    },
}

call = {
    "call_type": "summarize",
    "user_id": "user-42",
    "latency_ms": 840,
    "input_text": "Summarize this ticket.",
    "output_text": "The customer wants a refund.",
    "response": openai_response,
}

# wait=commit answers once the call is in the database, so it can be read back at once.
result = request("POST", "/v1/calls?wait=commit", call)
if result["accepted"] != 1:
    sys.exit(f"not accepted: {result['rejected']}")

page = request("GET", "/v1/calls?user_id=user-42&limit=1")
stored = request("GET", "/v1/calls/" + page["calls"][0]["id"])
print(f"{stored['model']}: {stored['input_tokens']} input tokens ({stored['cache_read_tokens']} cached), "
      f"{stored['output_tokens']} output tokens, cost ${stored['cost_usd']} ({stored['cost_source']})")
