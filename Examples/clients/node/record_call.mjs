#!/usr/bin/env node
// Records one model call in an AILedger server and reads back what it cost.
//
// Node's built-in fetch only, no npm packages. The call carries the provider's response
// exactly as OpenAI returned it; the server reads the model and token counts from it.
//
//   node record_call.mjs http://127.0.0.1:8080        (AILEDGER_KEY=... when the server needs keys)

const base = (process.argv[2] ?? "http://127.0.0.1:8080").replace(/\/$/, "");
const headers = { "Content-Type": "application/json" };
if (process.env.AILEDGER_KEY) headers.Authorization = `Bearer ${process.env.AILEDGER_KEY}`;

async function request(method, path, body) {
  const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${answer.error.code}: ${answer.error.message}`);
  return answer;
}

// What the OpenAI chat completions API answered (abridged to the parts that matter).
const openaiResponse = {
  id: "chatcmpl-123",
  object: "chat.completion",
  model: "gpt-4o-mini-2024-07-18",
  usage: { prompt_tokens: 1200, completion_tokens: 300, prompt_tokens_details: { cached_tokens: 1024 } },
};

const user = `node-user-${Date.now()}`;
const result = await request("POST", "/v1/calls?wait=commit", {
  call_type: "summarize",
  user_id: user,
  latency_ms: 840,
  response: openaiResponse,
});
if (result.accepted !== 1) throw new Error(`not accepted: ${JSON.stringify(result.rejected)}`);

const page = await request("GET", `/v1/calls?user_id=${encodeURIComponent(user)}&limit=1`);
const stored = await request("GET", `/v1/calls/${page.calls[0].id}`);
console.log(`${stored.model}: ${stored.input_tokens} input tokens (${stored.cache_read_tokens} cached), ` +
            `${stored.output_tokens} output tokens, cost $${stored.cost_usd} (${stored.cost_source})`);
