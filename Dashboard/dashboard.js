// The AILedger dashboard: one page that reads the ledger through its own HTTP API.
// Every value from the ledger is put on the page as text (textContent), never as markup.
"use strict";

(() => {
  const $ = (selector) => document.querySelector(selector);
  const state = { csrf: "", auth: true, view: "overview", params: new URLSearchParams(), latest: null, liveTimer: null, drawing: 0 };
  const FILTERS = ["interaction_type", "status", "model", "user_id", "feedback", "min_quality_score", "max_quality_score",
    "prompt_version", "text"];
  // Filters set by a click rather than the form (a missing variable in Data quality).
  const LINK_FILTERS = ["missing_variable"];
  const number = new Intl.NumberFormat("en-US");
  const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

  // ---- Formatting -------------------------------------------------------------------

  function fmtInt(value) { return value === null || value === undefined ? "–" : number.format(value); }
  function fmtMs(value) {
    if (value === null || value === undefined) return "–";
    return value >= 10000 ? decimal.format(value / 1000) + " s" : number.format(Math.round(value)) + " ms";
  }
  function fmtPct(value) { return value === null || value === undefined ? "–" : (value * 100).toFixed(1) + "%"; }
  function fmtUSD(text) {
    if (text === null || text === undefined) return "–";
    const value = Number(text);
    if (!isFinite(value)) return String(text);
    const digits = value === 0 ? 2 : Math.abs(value) < 0.01 ? 6 : Math.abs(value) < 1 ? 4 : 2;
    return "$" + value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: digits });
  }
  function fmtTime(text) {
    if (!text) return "–";
    const date = new Date(text);
    if (isNaN(date)) return text;
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }
  function plural(count, noun) { return `${fmtInt(count)} ${noun}${count === 1 ? "" : "s"}`; }
  function tokens(record) {
    const sum = ["input_tokens", "output_tokens"].reduce((total, key) => total + (record[key] || 0), 0);
    return sum || null;
  }

  // ---- DOM --------------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  function svg(tag, attributes, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    for (const child of children.flat()) if (child) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }
  function card(label, value, sub) {
    return el("div", { class: "card" }, el("div", { class: "label" }, label), el("div", { class: "value" }, value),
      sub ? el("div", { class: "sub" }, sub) : null);
  }
  function empty(text) { return el("p", { class: "empty" }, text); }
  function statusCell(status) { return el("td", { class: "status-" + status }, status || "–"); }

  // A table whose columns are [label, value(row) → string|Node, {num, sort(row)}]; a click on
  // a header sorts the rows shown, a click (or Enter) on a row calls open(row).
  function table(columns, rows, open, caption) {
    const body = el("tbody");
    let order = { index: -1, ascending: true };
    function fill() {
      body.replaceChildren(...rows.map((row) => {
        const cells = columns.map(([, value, options]) => {
          const content = value(row);
          if (content instanceof Node && content.tagName === "TD") return content;
          return el("td", { class: [options && options.num ? "num" : "", options && options.cut ? "cut" : ""].join(" ").trim() || null },
            content === null || content === undefined ? "–" : content);
        });
        if (!open) return el("tr", { "data-id": row.id }, cells);
        return el("tr", { class: "link", tabindex: "0", "data-id": row.id, onclick: () => open(row),
          onkeydown: (event) => { if (event.key === "Enter") open(row); } }, cells);
      }));
    }
    const head = el("tr", {}, columns.map(([label, value, options], index) => {
      const key = (options && options.sort) || ((row) => { const v = value(row); return v instanceof Node ? v.textContent : v; });
      const button = el("button", { type: "button", onclick: () => {
        order = { index, ascending: order.index === index ? !order.ascending : true };
        rows = rows.slice().sort((a, b) => {
          const x = key(a), y = key(b);
          const compared = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""));
          return order.ascending ? compared : -compared;
        });
        for (const th of head.children) th.removeAttribute("aria-sort");
        head.children[index].setAttribute("aria-sort", order.ascending ? "ascending" : "descending");
        fill();
      } }, label);
      return el("th", { scope: "col", class: options && options.num ? "num" : null }, button);
    }));
    fill();
    return el("div", { class: "table-wrap" }, el("table", {}, caption ? el("caption", { class: "note" }, caption) : null, el("thead", {}, head), body));
  }

  // ---- API --------------------------------------------------------------------------

  class APIError extends Error {
    constructor(status, body) {
      super((body && body.error && body.error.message) || `the server answered ${status}`);
      this.status = status;
    }
  }

  async function api(path, options = {}) {
    const headers = { Accept: "application/json" };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (options.method && options.method !== "GET") headers["X-CSRF-Token"] = state.csrf;
    const response = await fetch(path, { method: options.method || "GET", headers, credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    let body = null;
    try { body = await response.json(); } catch (_) { body = null; }
    if (response.status === 401 && !options.quiet) { showSignIn(); throw new APIError(401, body); }
    if (!response.ok) throw new APIError(response.status, body);
    return body;
  }

  // The filters of the page, as API query parameters, with `extra` over them.
  function query(extra = {}, only) {
    const params = new URLSearchParams();
    const range = state.params.get("range") || "24h";
    if (range === "custom") {
      for (const name of ["since", "until"]) {
        const value = state.params.get(name);
        if (value) params.set(name, new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z"));
      }
    } else {
      params.set("since", range);
    }
    for (const name of FILTERS.concat(LINK_FILTERS)) {
      if (only && !only.includes(name)) continue;
      const value = state.params.get(name);
      if (value) params.set(name, value);
    }
    for (const [name, value] of Object.entries(extra)) {
      if (value === null || value === undefined) params.delete(name); else params.set(name, value);
    }
    return params.toString();
  }
  // Call lists and statistics take no interaction-only filters but interaction_type & co. join.
  const CALL_FILTERS = undefined;

  // ---- Sign-in ----------------------------------------------------------------------

  function showSignIn(message) {
    stopLive();
    $("#app").hidden = true;
    $("#nav").hidden = true;
    $("#signout").hidden = true;
    $("#user").textContent = "";
    $("#signin").hidden = false;
    $("#signin-error").textContent = message || "";
    $("#key").focus();
  }

  function signedIn(session) {
    state.csrf = session.csrf || "";
    state.auth = session.auth;
    $("#signin").hidden = true;
    $("#app").hidden = false;
    $("#nav").hidden = false;
    $("#signout").hidden = !session.auth;
    $("#user").textContent = session.auth ? `${session.name} (${session.role})` : "no sign-in (keys are off)";
    route();
    startLive();
  }

  $("#signin-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = $("#key").value.trim();
    try {
      const session = await api("/dashboard/session", { method: "POST", body: { key }, quiet: true });
      $("#key").value = "";
      signedIn(session);
    } catch (error) {
      $("#signin-error").textContent = error.status === 403 ? error.message : error.status === 401 ? "That key is not a key in force." : error.message;
    }
  });

  $("#signout").addEventListener("click", async () => {
    try { await api("/dashboard/session", { method: "DELETE", quiet: true }); } catch (_) { /* signed out anyway */ }
    showSignIn("Signed out.");
  });

  // ---- Routing and filters ----------------------------------------------------------

  function parseHash() {
    const hash = location.hash.replace(/^#\/?/, "");
    const [path, search] = hash.split("?");
    const parts = (path || "overview").split("/");
    return { view: parts[0] || "overview", id: parts[1] ? decodeURIComponent(parts[1]) : null, params: new URLSearchParams(search || "") };
  }

  function setHash(view, params, id) {
    const search = params.toString();
    location.hash = "#/" + view + (id ? "/" + encodeURIComponent(id) : "") + (search ? "?" + search : "");
  }

  function syncForm() {
    const form = $("#filters");
    form.elements.range.value = state.params.get("range") || "24h";
    for (const name of FILTERS.concat(["since", "until"])) form.elements[name].value = state.params.get(name) || "";
    const custom = form.elements.range.value === "custom";
    for (const label of form.querySelectorAll(".custom")) label.hidden = !custom;
  }

  $("#filters").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    const params = new URLSearchParams();
    if (form.elements.range.value !== "24h") params.set("range", form.elements.range.value);
    for (const name of FILTERS.concat(form.elements.range.value === "custom" ? ["since", "until"] : [])) {
      const value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    for (const name of LINK_FILTERS) if (state.params.get(name)) params.set(name, state.params.get(name));
    setHash(state.view, params);
  });
  $("#filters").elements.range.addEventListener("change", (event) => {
    for (const label of $("#filters").querySelectorAll(".custom")) label.hidden = event.target.value !== "custom";
  });
  $("#reset").addEventListener("click", (event) => { event.preventDefault(); setHash(state.view, new URLSearchParams()); });

  const VIEWS = {};

  // Draws the view the address names. Only the latest drawing lands: a slow answer for a
  // view already left is dropped. `keepForm` leaves what is typed in the filter bar.
  async function route(keepForm) {
    if ($("#app").hidden) return;
    const drawing = ++state.drawing;
    const { view, id, params } = parseHash();
    state.view = VIEWS[view] ? view : "overview";
    state.params = params;
    if (keepForm !== true) syncForm();
    for (const link of document.querySelectorAll("#nav a")) {
      if (link.dataset.view === state.view) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
    }
    const main = $("#main");
    if (keepForm !== true) {
      delete main.dataset.drawn;
      main.replaceChildren(el("p", { class: "note" }, "Loading…"));
    }
    const filtered = LINK_FILTERS.filter((name) => params.get(name)).map((name) =>
      el("p", { class: "note" }, `Only ${name.replace("_", " ")} ${params.get(name)}. `,
        el("a", { href: "#/" + state.view + "?" + without(params, name) }, "Show all")));
    let content;
    try {
      content = [filtered, await VIEWS[state.view](id)].flat();
    } catch (error) {
      if (error.status === 401 || drawing !== state.drawing) return;
      content = [el("p", { class: "error", role: "alert" }, "Could not load this view: " + error.message)];
    }
    if (drawing !== state.drawing) return;
    main.replaceChildren(...content);
    main.dataset.drawn = location.hash || "#/overview";
  }
  function without(params, name) { const copy = new URLSearchParams(params); copy.delete(name); return copy.toString(); }
  window.addEventListener("hashchange", () => route());

  // ---- Charts -----------------------------------------------------------------------

  // Stacked bars: `buckets` (labels) × `series` ([{label, values}]).
  function stackedBars(title, buckets, series, format) {
    const width = 480, height = 200, left = 60, bottom = 24, top = 10;
    const totals = buckets.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] || 0), 0));
    const max = Math.max(...totals, 0) || 1;
    const band = (width - left - 8) / Math.max(buckets.length, 1);
    const y = (value) => top + (height - top - bottom) * (1 - value / max);
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title });
    for (const tick of [0, 0.5, 1]) {
      chart.append(svg("line", { x1: left, x2: width - 8, y1: y(max * tick), y2: y(max * tick), stroke: "#d5d9de" }),
        svg("text", { x: left - 6, y: y(max * tick) + 4, "text-anchor": "end" }, format(max * tick)));
    }
    const colors = ["#0b5cad", "#e07b00", "#1b8a5a", "#a23ba8", "#c2352b", "#6b7b8c"];
    buckets.forEach((bucket, i) => {
      let base = 0;
      series.forEach((s, k) => {
        const value = s.values[i] || 0;
        if (value <= 0) return;
        chart.append(svg("rect", { x: left + i * band + 1, width: Math.max(band - 2, 1), y: y(base + value), height: y(base) - y(base + value),
          fill: colors[k % colors.length] }, svg("title", {}, `${bucket} · ${s.label}: ${format(value)}`)));
        base += value;
      });
    });
    const every = Math.ceil(buckets.length / 8);
    buckets.forEach((bucket, i) => {
      if (i % every === 0) chart.append(svg("text", { x: left + i * band + band / 2, y: height - 8, "text-anchor": "middle" }, bucket));
    });
    return el("div", { class: "panel chart" }, el("h2", {}, title), chart,
      el("div", { class: "legend" }, series.map((s, k) => el("span", { class: "swatch" + (k % colors.length) }, s.label))));
  }

  // Lines: `series` ([{label, values}]) over `buckets`.
  function lines(title, buckets, series, format) {
    const width = 480, height = 200, left = 60, bottom = 24, top = 10;
    const max = Math.max(...series.flatMap((s) => s.values.filter((v) => v !== null)), 0) || 1;
    const step = (width - left - 16) / Math.max(buckets.length - 1, 1);
    const y = (value) => top + (height - top - bottom) * (1 - value / max);
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title });
    for (const tick of [0, 0.5, 1]) {
      chart.append(svg("line", { x1: left, x2: width - 8, y1: y(max * tick), y2: y(max * tick), stroke: "#d5d9de" }),
        svg("text", { x: left - 6, y: y(max * tick) + 4, "text-anchor": "end" }, format(max * tick)));
    }
    const colors = ["#0b5cad", "#e07b00", "#c2352b", "#1b8a5a"];
    series.forEach((s, k) => {
      // One polyline per run of buckets with a value: no line across a bucket without one.
      let run = [];
      const flush = () => {
        if (run.length > 1) chart.append(svg("polyline", { points: run.join(" "), fill: "none", stroke: colors[k], "stroke-width": 2 }));
        run = [];
      };
      s.values.forEach((v, i) => { if (v === null) flush(); else run.push(`${left + i * step},${y(v)}`); });
      flush();
      s.values.forEach((v, i) => {
        if (v !== null) chart.append(svg("circle", { cx: left + i * step, cy: y(v), r: 2.5, fill: colors[k] }, svg("title", {}, `${buckets[i]} · ${s.label}: ${format(v)}`)));
      });
    });
    const every = Math.ceil(buckets.length / 8);
    buckets.forEach((bucket, i) => {
      if (i % every === 0) chart.append(svg("text", { x: left + i * step, y: height - 8, "text-anchor": "middle" }, bucket));
    });
    const swatches = ["swatch0", "swatch1", "swatch4", "swatch2"];
    return el("div", { class: "panel chart" }, el("h2", {}, title), chart,
      el("div", { class: "legend" }, series.map((s, k) => el("span", { class: swatches[k] }, s.label))));
  }

  function bucketOf() {
    const range = state.params.get("range") || "24h";
    if (range === "24h") return "hour";
    if (range !== "custom") return "day";
    const since = new Date(state.params.get("since") || 0), until = state.params.get("until") ? new Date(state.params.get("until")) : new Date();
    return until - since <= 3 * 86400e3 ? "hour" : "day";
  }
  // Every bucket of the range, in UTC as the API buckets, also those with no calls; the
  // starts the API returned are kept even when outside it.
  function bucketStarts(bucket, returned) {
    const step = bucket === "hour" ? 3600e3 : 86400e3;
    const range = state.params.get("range") || "24h";
    const until = range === "custom" && state.params.get("until") ? new Date(state.params.get("until")) : new Date();
    const since = range === "custom" ? new Date(state.params.get("since") || returned[0] || until) :
      new Date(until - { "24h": 24, "7d": 168, "30d": 720 }[range] * 3600e3);
    const all = new Set(returned.map((s) => new Date(s).getTime()));
    for (let t = Math.floor(since / step) * step; t <= until && all.size < 2000; t += step) all.add(t);
    return [...all].sort((a, b) => a - b).map((t) => new Date(t).toISOString());
  }
  function valuesOrNull(groups, starts, pick) {
    const at = new Map(groups.map((g) => [new Date(g.start).getTime(), pick(g)]));
    return starts.map((s) => { const v = at.get(new Date(s).getTime()); return v === undefined ? null : v; });
  }
  function bucketLabel(start, bucket) {
    const iso = new Date(start).toISOString();
    return bucket === "hour" ? iso.slice(11, 16) : iso.slice(5, 10);
  }

  // ---- Views ------------------------------------------------------------------------

  VIEWS.overview = async () => {
    const bucket = bucketOf();
    // The call totals are the sum of the series' buckets: one scan fewer than asking for them.
    const [interactions, total, byModel] = await Promise.all([
      api("/v1/stats/interactions?" + query()),
      api(`/v1/stats/series/${bucket}?` + query()),
      api(`/v1/stats/series/${bucket}?` + query({ by: "model", top: 5 })),
    ]);
    const calls = totals(total.groups);
    const parts = [el("h1", {}, "Overview")];
    if (calls.calls === 0 && interactions.interactions === 0) {
      parts.push(empty("Nothing recorded in this range. Widen the range, clear the filters, or send records: POST /v1/calls, /v1/interactions, or OpenTelemetry spans to /v1/traces."));
      return parts;
    }
    const feedback = interactions.feedback;
    parts.push(el("div", { class: "cards", id: "overview-cards" },
      card("Interactions", fmtInt(interactions.interactions), `${fmtPct(interactions.success_rate)} succeeded`),
      card("Failed interactions", fmtInt(interactions.errors), interactions.interactions ? fmtPct(interactions.errors / interactions.interactions) : null),
      card("Calls", fmtInt(calls.calls), `${fmtInt(calls.errors)} failed`),
      card("Total cost", fmtUSD(calls.cost_usd), calls.unpriced_calls ? `${fmtInt(calls.unpriced_calls)} calls unpriced` : "every call priced"),
      card("Processing time", fmtMs(interactions.average_latency_ms), `p50 ${fmtMs(interactions.latency_p50_ms)} · p95 ${fmtMs(interactions.latency_p95_ms)} · p99 ${fmtMs(interactions.latency_p99_ms)}`),
      card("Input tokens", fmtInt(calls.input_tokens), `cache read ${fmtInt(calls.cache_read_tokens)} · write ${fmtInt(calls.cache_write_tokens)}`),
      card("Output tokens", fmtInt(calls.output_tokens), `reasoning ${fmtInt(calls.reasoning_tokens)}`),
      card("Average quality", interactions.average_quality_score === null ? "–" : decimal.format(interactions.average_quality_score), "score 0–100"),
      card("Data quality", fmtPct(interactions.completeness), `${fmtInt(interactions.with_missing_variables)} with missing variables`),
      card("Users", fmtInt(interactions.users), plural(interactions.conversations, "conversation"))));

    // The five most expensive models keep their own series; the rest are "other models".
    const cost = new Map();
    for (const g of byModel.groups) cost.set(g.key, (cost.get(g.key) || 0) + Number(g.cost_usd));
    const models = [...cost.keys()].filter((m) => m !== null).sort((a, b) => cost.get(b) - cost.get(a));
    if (cost.has(null)) models.push(null);
    const starts = bucketStarts(bucket, total.groups.map((g) => g.start));
    const labels = starts.map((s) => bucketLabel(s, bucket));
    const valuesOf = (groups, pick) => valuesOrNull(groups, starts, pick).map((v) => v || 0);
    function stack(pick) {
      return models.map((model) => ({ label: model === null ? "other models" : model,
        values: valuesOf(byModel.groups.filter((g) => g.key === model), pick) }));
    }
    parts.push(el("div", { class: "grid2" },
      stackedBars(`Cost per ${bucket}, by model (UTC)`, labels, stack((g) => Number(g.cost_usd)), fmtUSD),
      stackedBars(`Calls per ${bucket}, by model (UTC)`, labels, stack((g) => g.calls), fmtInt),
      stackedBars(`Tokens per ${bucket}, by model (UTC)`, labels, stack((g) => (g.input_tokens || 0) + (g.output_tokens || 0)), fmtInt),
      latencyPanel(bucket, starts, labels, total.groups),
      lines(`Error rate per ${bucket} (UTC)`, labels, [
        { label: "failed calls", values: valuesOrNull(total.groups, starts, (g) => (g.calls ? g.errors / g.calls : null)) },
      ], fmtPct)));

    parts.push(el("div", { class: "grid2" },
      el("div", { class: "panel" }, el("h2", {}, "By interaction type"),
        interactions.by_type.length ? table([
          ["Type", (r) => r.interaction_type || "(none)"],
          ["Interactions", (r) => fmtInt(r.interactions), { num: true, sort: (r) => r.interactions }],
          ["Failed", (r) => fmtInt(r.errors), { num: true, sort: (r) => r.errors }],
        ], interactions.by_type) : empty("No interactions.")),
      el("div", { class: "panel" }, el("h2", {}, "By status"),
        table([["Status", (r) => r.status], ["Interactions", (r) => fmtInt(r.count), { num: true, sort: (r) => r.count }]], [
          { status: "success", count: interactions.successes }, { status: "error", count: interactions.errors },
          { status: "partial", count: interactions.partials }])),
      el("div", { class: "panel" }, el("h2", {}, "Feedback"),
        table([["Verdict", (r) => r.verdict], ["Interactions", (r) => fmtInt(r.count), { num: true, sort: (r) => r.count }]], [
          { verdict: "accepted", count: feedback.accepted }, { verdict: "rejected", count: feedback.rejected },
          { verdict: "modified", count: feedback.modified }, { verdict: "no feedback", count: feedback.none }]))));
    return parts;
  };

  // The totals of a series' buckets: counts and tokens added (null while no call has
  // any), costs added exactly in nano-dollars, the ledger's own unit.
  function totals(groups) {
    const sum = { calls: 0, errors: 0, unpriced_calls: 0 };
    const kinds = ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens"];
    for (const kind of kinds) sum[kind] = null;
    let nanos = 0n;
    for (const g of groups) {
      sum.calls += g.calls;
      sum.errors += g.errors;
      sum.unpriced_calls += g.unpriced_calls;
      for (const kind of kinds) if (g[kind] !== null && g[kind] !== undefined) sum[kind] = (sum[kind] || 0) + g[kind];
      nanos += nanosOf(g.cost_usd);
    }
    sum.cost_usd = decimalOf(nanos);
    return sum;
  }
  function nanosOf(text) {
    const negative = String(text).startsWith("-");
    const [whole, fraction = ""] = String(text).replace("-", "").split(".");
    const value = BigInt(whole || "0") * 1000000000n + BigInt((fraction + "000000000").slice(0, 9));
    return negative ? -value : value;
  }
  function decimalOf(nanos) {
    const negative = nanos < 0n;
    const size = negative ? -nanos : nanos;
    const fraction = String(size % 1000000000n).padStart(9, "0").replace(/0+$/, "");
    return (negative ? "-" : "") + String(size / 1000000000n) + (fraction ? "." + fraction : "");
  }

  // Latency percentiles over time take a sort of every timed call, so they follow the
  // rest of the overview: the panel shows the mean at once, and p50/p95/p99 when they come.
  function latencyPanel(bucket, starts, labels, groups) {
    const title = `Latency per ${bucket} (UTC)`;
    const mean = { label: "mean", values: valuesOrNull(groups, starts, (g) => g.average_latency_ms) };
    const panel = el("div", { id: "latency-panel" }, lines(title, labels, [mean], fmtMs));
    const drawing = state.drawing;
    api(`/v1/stats/latency/${bucket}?` + query()).then((answer) => {
      if (drawing !== state.drawing) return;
      const pick = (name) => valuesOrNull(answer.buckets, starts, (b) => b[name]);
      panel.replaceChildren(lines(title, labels, [mean, { label: "p50", values: pick("latency_p50_ms") },
        { label: "p95", values: pick("latency_p95_ms") }, { label: "p99", values: pick("latency_p99_ms") }], fmtMs));
      panel.dataset.percentiles = "drawn";
    }, () => { panel.dataset.percentiles = "failed"; });
    return panel;
  }

  function exportLinks(kind, filters) {
    const q = query({}, filters);
    return el("div", { class: "actions" }, "Export what the filters select:",
      el("a", { href: `/v1/export/${kind}?format=csv&${q}`, download: `${kind}.csv` }, "CSV"),
      el("a", { href: `/v1/export/${kind}?format=jsonl&${q}`, download: `${kind}.jsonl` }, "JSON Lines"));
  }

  // A keyset-paged list: the `after` cursors of the pages before are kept in the hash.
  async function pagedList(kind, title, columns, open, filters) {
    const after = state.params.get("after");
    const page = await api(`/v1/${kind}?` + query({ limit: 50, after }, filters));
    const rows = page[kind];
    const parts = [el("h1", {}, title), exportLinks(kind, filters)];
    if (!rows.length) {
      parts.push(empty(after ? "No more rows." : `No ${kind} match these filters in this range. Widen the range or clear a filter.`));
    } else {
      parts.push(table(columns, rows, open, `${rows.length} rows on this page, newest first; a column header sorts this page.`));
    }
    const trail = (state.params.get("trail") || "").split(",").filter(Boolean);
    const pager = el("div", { class: "pager" });
    if (after) {
      pager.append(el("button", { type: "button", class: "plain", id: "first-page", onclick: () => {
        const params = new URLSearchParams(state.params); params.delete("after"); params.delete("trail"); setHash(state.view, params);
      } }, "First page"));
      pager.append(el("button", { type: "button", class: "plain", id: "previous-page", onclick: () => {
        const params = new URLSearchParams(state.params);
        const previous = trail.pop();
        if (previous) params.set("after", previous); else params.delete("after");
        if (trail.length) params.set("trail", trail.join(",")); else params.delete("trail");
        setHash(state.view, params);
      } }, "Previous page"));
    }
    if (page.next) {
      pager.append(el("button", { type: "button", id: "next-page", onclick: () => {
        const params = new URLSearchParams(state.params);
        if (after) params.set("trail", trail.concat([after]).join(","));
        params.set("after", page.next);
        setHash(state.view, params);
      } }, "Next page"));
    }
    parts.push(pager);
    return parts;
  }

  VIEWS.interactions = async () => pagedList("interactions", "Interactions", [
    ["Time", (r) => fmtTime(r.created_at), { sort: (r) => r.created_at }],
    ["Type", (r) => r.interaction_type],
    ["Status", (r) => statusCell(r.status), { sort: (r) => r.status }],
    ["Processing", (r) => fmtMs(r.latency_ms), { num: true, sort: (r) => r.latency_ms }],
    ["User", (r) => r.user_id],
    ["Prompt", (r) => [r.prompt_id, r.prompt_version].filter(Boolean).join(" · ") || null],
    ["Feedback", (r) => r.feedback],
    ["Quality", (r) => r.quality_score, { num: true, sort: (r) => r.quality_score }],
    ["Input", (r) => r.input_text, { cut: true }],
  ], (row) => openInteraction(row.id), null);

  VIEWS.calls = async () => pagedList("calls", "Calls", [
    ["Time", (r) => fmtTime(r.created_at), { sort: (r) => r.created_at }],
    ["Model", (r) => r.model],
    ["Type", (r) => r.call_type],
    ["Status", (r) => statusCell(r.status), { sort: (r) => r.status }],
    ["Latency", (r) => fmtMs(r.latency_ms), { num: true, sort: (r) => r.latency_ms }],
    ["Tokens", (r) => fmtInt(tokens(r)), { num: true, sort: (r) => tokens(r) }],
    ["Cost", (r) => fmtUSD(r.cost_usd), { num: true, sort: (r) => Number(r.cost_usd) }],
    ["User", (r) => r.user_id],
  ], (row) => openCall(row.id), CALL_FILTERS);

  VIEWS.failures = async () => {
    const [calls, interactions] = await Promise.all([
      api("/v1/stats/failures?" + query({ limit: 50 })),
      api("/v1/interactions?" + query({ limit: 50, status: "error" })),
    ]);
    const parts = [el("h1", {}, "Recent failures")];
    parts.push(el("h2", {}, "Failed interactions"), el("p", { class: "note" }, "The last 50, newest first, with the input that caused each and its context."));
    parts.push(interactions.interactions.length ? table([
      ["Time", (r) => fmtTime(r.created_at), { sort: (r) => r.created_at }],
      ["Type", (r) => r.interaction_type],
      ["Error", (r) => r.error_code],
      ["Message", (r) => r.error_message, { cut: true }],
      ["Input", (r) => r.input_text, { cut: true }],
      ["Context", (r) => [r.user_id, [r.prompt_id, r.prompt_version].filter(Boolean).join(" · ")].filter(Boolean).join(" — ") || null],
    ], interactions.interactions, (row) => openInteraction(row.id)) : empty("No failed interactions in this range."));
    parts.push(el("h2", {}, "Failed calls"), el("p", { class: "note" }, "The last 50 model calls that failed, newest first."));
    parts.push(calls.failures.length ? table([
      ["Time", (r) => fmtTime(r.created_at), { sort: (r) => r.created_at }],
      ["Model", (r) => r.model],
      ["Error", (r) => r.error_code],
      ["Message", (r) => r.error_message, { cut: true }],
      ["Input", (r) => r.input_text || (r.interaction && r.interaction.input_text), { cut: true }],
      ["Interaction", (r) => (r.interaction && r.interaction.interaction_type) || null],
    ], calls.failures, (row) => openCall(row.id)) : empty("No failed calls in this range."));
    return parts;
  };

  VIEWS.quality = async () => {
    const report = await api("/v1/stats/data-quality?" + query());
    const parts = [el("h1", {}, "Data quality"), el("div", { class: "cards" },
      card("Interactions", fmtInt(report.interactions)),
      card("With missing variables", fmtInt(report.with_missing_variables)),
      card("Complete", fmtPct(report.completeness)))];
    if (!report.missing_variables.length) {
      parts.push(empty("Every interaction in this range arrived with all its input variables."));
      return parts;
    }
    parts.push(el("h2", {}, "Missing variables"), table([
      ["Variable", (r) => r.variable],
      ["Interaction type", (r) => r.interaction_type || "(none)"],
      ["Interactions", (r) => fmtInt(r.count), { num: true, sort: (r) => r.count }],
    ], report.missing_variables, (row) => {
      const params = new URLSearchParams(state.params);
      params.set("missing_variable", row.variable);
      if (row.interaction_type) params.set("interaction_type", row.interaction_type); else params.delete("interaction_type");
      params.delete("after");
      params.delete("trail");
      setHash("interactions", params);
    }, "A row lists the interactions that missed that variable."));
    return parts;
  };

  VIEWS.conversations = async (id) => {
    if (id) return conversation(id);
    const after = state.params.get("after");
    const page = await api("/v1/conversations?" + query({ limit: 50, after }, ["user_id"]));
    const parts = [el("h1", {}, "Conversations")];
    if (!page.conversations.length) { parts.push(empty("No conversations started in this range.")); return parts; }
    parts.push(table([
      ["Started", (r) => fmtTime(r.created_at), { sort: (r) => r.created_at }],
      ["Title", (r) => r.title || r.external_id || r.id, { cut: true }],
      ["User", (r) => r.user_id],
      ["Persona", (r) => r.persona_id],
    ], page.conversations, (row) => setHash("conversations", state.params, row.id)));
    if (page.next) {
      const params = new URLSearchParams(state.params); params.set("after", page.next);
      parts.push(el("div", { class: "pager" }, el("button", { type: "button", id: "next-page", onclick: () => setHash("conversations", params) }, "Next page")));
    }
    return parts;
  };

  async function conversation(id) {
    const c = await api("/v1/conversations/" + encodeURIComponent(id));
    const totals = c.totals || {};
    const parts = [el("p", {}, el("a", { href: "#/conversations?" + state.params.toString() }, "← All conversations")),
      el("h1", {}, c.title || c.external_id || "Conversation"),
      el("div", { class: "cards" }, card("Turns", fmtInt((c.turns || []).length)), card("Calls", fmtInt(totals.calls)),
        card("Tokens", fmtInt(tokens(totals))), card("Cost", fmtUSD(totals.cost_usd)))];
    for (const [index, turn] of (c.turns || []).entries()) {
      parts.push(el("div", { class: "panel turn" },
        el("h2", {}, `Turn ${index + 1} · ${fmtTime(turn.created_at)} · ${fmtMs(turn.latency_ms)} · `, el("span", { class: "status-" + turn.status }, turn.status)),
        turn.input_text ? [el("div", { class: "note" }, "Input"), el("pre", {}, turn.input_text)] : null,
        turn.output_text ? [el("div", { class: "note" }, "Output"), el("pre", {}, turn.output_text)] : null,
        (turn.calls || []).length ? table([
          ["Model", (r) => r.model], ["Status", (r) => statusCell(r.status)], ["Latency", (r) => fmtMs(r.latency_ms), { num: true }],
          ["Tokens", (r) => fmtInt(tokens(r)), { num: true }], ["Cost", (r) => fmtUSD(r.cost_usd), { num: true }],
        ], turn.calls, (row) => openCall(row.id)) : null,
        el("button", { type: "button", class: "plain", onclick: () => openInteraction(turn.id) }, "Open this turn")));
    }
    return parts;
  }

  VIEWS.analysis = async () => {
    const [byModel, byFunction, sql] = await Promise.all([
      api("/v1/stats/by/model?" + query({}, CALL_FILTERS)),
      api("/v1/stats/by/call-type?" + query({}, CALL_FILTERS)),
      api("/v1/stats/sql-queries?" + query({ top: 20 })),
    ]);
    const usage = [
      ["Calls", (r) => fmtInt(r.calls), { num: true, sort: (r) => r.calls }],
      ["Failed", (r) => fmtInt(r.errors), { num: true, sort: (r) => r.errors }],
      ["Avg latency", (r) => fmtMs(r.average_latency_ms), { num: true, sort: (r) => r.average_latency_ms }],
      ["Tokens", (r) => fmtInt(tokens(r)), { num: true, sort: (r) => tokens(r) }],
      ["Cost", (r) => fmtUSD(r.cost_usd), { num: true, sort: (r) => Number(r.cost_usd) }],
    ];
    const parts = [el("h1", {}, "LLM calls and SQL queries"), el("div", { class: "grid2" },
      el("div", { class: "panel" }, el("h2", {}, "By model"), byModel.groups.length ? table([["Model", (r) => r.key || "(none)"]].concat(usage), byModel.groups) : empty("No calls.")),
      el("div", { class: "panel" }, el("h2", {}, "By function"), byFunction.groups.length ? table([["Function", (r) => r.key || "(none)"]].concat(usage), byFunction.groups) : empty("No calls.")))];
    parts.push(el("h2", {}, "SQL queries"));
    if (!sql.queries) {
      parts.push(empty("No SQL statements recorded in this range. Interactions carry them in sql_queries."));
      return parts;
    }
    parts.push(el("div", { class: "cards" }, card("Statements", fmtInt(sql.queries)), card("Failed", fmtInt(sql.failed)),
      card("Success rate", fmtPct(sql.success_rate)), card("Avg duration", fmtMs(sql.average_duration_ms)),
      card("Avg rows", sql.average_results === null ? "–" : decimal.format(sql.average_results))));
    const group = [["Queries", (r) => fmtInt(r.queries), { num: true, sort: (r) => r.queries }],
      ["Failed", (r) => fmtInt(r.failed), { num: true, sort: (r) => r.failed }],
      ["Avg duration", (r) => fmtMs(r.average_duration_ms), { num: true, sort: (r) => r.average_duration_ms }]];
    parts.push(el("div", { class: "grid2" },
      el("div", { class: "panel" }, el("h2", {}, "By database"), table([["Database", (r) => r.key || "(none)"]].concat(group), sql.by_database)),
      el("div", { class: "panel" }, el("h2", {}, "By intent"), table([["Intent", (r) => r.key || "(none)"]].concat(group), sql.by_intent))));
    parts.push(el("h2", {}, "Most frequent statements"), table([["Statement", (r) => r.fingerprint, { cut: true }]].concat(group), sql.top_statements));
    return parts;
  };

  // Two-sided two-proportion z-test of acceptance between two versions.
  function zTest(a, b) {
    const n1 = a.accepted + a.rejected + a.modified, n2 = b.accepted + b.rejected + b.modified;
    if (!n1 || !n2) return null;
    const p1 = a.accepted / n1, p2 = b.accepted / n2, pooled = (a.accepted + b.accepted) / (n1 + n2);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    if (!se) return { z: 0, p: 1, n1, n2, p1, p2 };
    const z = (p1 - p2) / se;
    return { z, p: 2 * (1 - normal(Math.abs(z))), n1, n2, p1, p2 };
  }
  function normal(x) { // the standard normal CDF (Abramowitz and Stegun 7.1.26 for erf)
    const t = 1 / (1 + 0.3275911 * x / Math.SQRT2);
    const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x / 2);
    return 0.5 * (1 + erf);
  }

  VIEWS.prompts = async () => {
    const feedback = await api("/v1/stats/feedback?" + query());
    const prompts = [...new Set(feedback.prompts.map((p) => p.prompt_id).filter((p) => p !== null))].slice(0, 20);
    const costs = await Promise.all(prompts.map((prompt) => api("/v1/stats/by/prompt-version?" + query({ prompt_id: prompt }))));
    const cost = new Map();
    prompts.forEach((prompt, i) => { for (const g of costs[i].groups) cost.set(prompt + "\u0000" + g.key, g); });
    const costOf = (r) => cost.get(r.prompt_id + "\u0000" + r.prompt_version);
    const parts = [el("h1", {}, "Prompt versions")];
    if (!feedback.prompts.length) { parts.push(empty("No interactions with a prompt id in this range. Interactions name theirs in prompt_id and prompt_version.")); return parts; }
    parts.push(table([
      ["Prompt", (r) => r.prompt_id || "(none)"],
      ["Version", (r) => r.prompt_version || "(none)"],
      ["Interactions", (r) => fmtInt(r.interactions), { num: true, sort: (r) => r.interactions }],
      ["Accepted", (r) => fmtPct(r.acceptance_rate), { num: true, sort: (r) => r.acceptance_rate }],
      ["Rejected", (r) => fmtInt(r.rejected), { num: true, sort: (r) => r.rejected }],
      ["Modified", (r) => fmtInt(r.modified), { num: true, sort: (r) => r.modified }],
      ["Avg quality", (r) => (r.average_quality_score === null ? "–" : decimal.format(r.average_quality_score)), { num: true, sort: (r) => r.average_quality_score }],
      ["Cost", (r) => fmtUSD((costOf(r) || {}).cost_usd), { num: true, sort: (r) => Number((costOf(r) || {}).cost_usd || 0) }],
      ["Cost per interaction", (r) => { const c = costOf(r); return c && r.interactions ? fmtUSD(Number(c.cost_usd) / r.interactions) : "–"; }, { num: true }],
    ], feedback.prompts, null, "Cost is that of the calls the version's interactions made."));

    const byPrompt = new Map();
    for (const row of feedback.prompts) {
      const key = row.prompt_id || "(none)";
      byPrompt.set(key, (byPrompt.get(key) || []).concat([row]));
    }
    const compare = el("div", { class: "panel", id: "compare" }, el("h2", {}, "Is one version better?"),
      el("p", { class: "note" }, "Acceptance rates of two versions of a prompt compared with a two-sided two-proportion z-test; a difference is called significant at p < 0.05."));
    for (const [prompt, versions] of byPrompt) {
      if (versions.length < 2) continue;
      const first = el("select", { "aria-label": `${prompt}: first version` }, versions.map((v, i) => el("option", { value: i }, v.prompt_version || "(none)")));
      const second = el("select", { "aria-label": `${prompt}: second version` }, versions.map((v, i) => el("option", { value: i }, v.prompt_version || "(none)")));
      second.value = "1";
      const result = el("p", { class: "result" });
      const update = () => {
        const a = versions[first.value], b = versions[second.value];
        const test = zTest(a, b);
        if (!test) { result.textContent = "One of them has no feedback yet."; return; }
        result.textContent = `${a.prompt_version}: ${fmtPct(test.p1)} of ${fmtInt(test.n1)} · ${b.prompt_version}: ${fmtPct(test.p2)} of ${fmtInt(test.n2)} · ` +
          `z = ${test.z.toFixed(2)}, p = ${test.p < 0.001 ? "< 0.001" : test.p.toFixed(3)} → ` +
          (test.p < 0.05 ? "significant difference" : "no significant difference");
      };
      first.addEventListener("change", update);
      second.addEventListener("change", update);
      update();
      compare.append(el("div", { class: "actions" }, el("strong", {}, prompt), first, "vs", second), result);
    }
    if (compare.children.length > 2) parts.push(compare);
    return parts;
  };

  // ---- Details ----------------------------------------------------------------------

  function fields(pairs) {
    return el("dl", { class: "fields" }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  }
  function block(label, value) {
    if (value === null || value === undefined || value === "") return null;
    return [el("h3", {}, label), el("pre", {}, typeof value === "string" ? value : JSON.stringify(value, null, 2))];
  }
  function openDialog(title, ...children) {
    $("#detail-title").textContent = title;
    $("#detail-body").replaceChildren(...children.flat().filter(Boolean));
    const dialog = $("#detail");
    if (!dialog.open) dialog.showModal();
    $("#close").focus();
  }
  $("#close").addEventListener("click", () => $("#detail").close());

  // Opens a detail; what goes wrong is said in the dialog.
  async function showing(title, work) {
    try {
      await work();
    } catch (error) {
      if (error.status !== 401) openDialog(title, el("p", { class: "error", role: "alert" }, "Could not open it: " + error.message));
    }
  }

  function openInteraction(id) { return showing("Interaction", () => drawInteraction(id)); }
  function openCall(id) { return showing("Call", () => drawCall(id)); }

  async function drawInteraction(id) {
    const path = encodeURIComponent(id);
    const [r, calls] = await Promise.all([api("/v1/interactions/" + path), api("/v1/calls?limit=100&interaction_id=" + path)]);
    const form = el("form", { class: "feedback-form", id: "feedback-form" },
      el("label", {}, "Verdict", el("select", { name: "feedback", required: true },
        ["accepted", "rejected", "modified"].map((v) => el("option", { value: v, selected: r.feedback === v }, v)))),
      el("label", {}, "Score (0–100)", el("input", { name: "quality_score", type: "number", min: 0, max: 100, value: r.quality_score ?? "" })),
      el("label", {}, "Comment", el("textarea", { name: "feedback_comment", rows: 2 }, r.feedback_comment || "")),
      el("button", { type: "submit" }, "Save feedback"),
      el("p", { class: "result", role: "status" }));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = { feedback: form.elements.feedback.value };
      if (form.elements.quality_score.value !== "") body.quality_score = Number(form.elements.quality_score.value);
      if (form.elements.feedback_comment.value.trim()) body.feedback_comment = form.elements.feedback_comment.value.trim();
      const result = form.querySelector(".result");
      try {
        await api(`/v1/interactions/${path}/feedback`, { method: "POST", body });
        result.textContent = "Feedback saved.";
      } catch (error) {
        result.textContent = "Not saved: " + error.message;
      }
    });
    openDialog(`Interaction ${r.interaction_type || ""}`.trim(),
      fields([["Id", r.id], ["Time", fmtTime(r.created_at)], ["Status", r.status], ["Processing time", fmtMs(r.latency_ms)],
        ["User", r.user_id], ["Conversation", r.conversation_id], ["Prompt", [r.prompt_id, r.prompt_version].filter(Boolean).join(" · ")],
        ["Missing variables", (r.missing_variables || []).join(", ")], ["Feedback", r.feedback], ["Quality score", r.quality_score]]),
      block("Rendered prompt / input", r.input_text), block("Input variables", r.input_variables),
      block("Response", r.output_text), block("Structured output", r.structured_output),
      r.error_code || r.error_message ? block("Error", [r.error_code, r.error_message].filter(Boolean).join(": ")) : null,
      block("Error details", r.error_details), block("Metadata", r.metadata),
      el("h3", {}, `Calls it made (${calls.calls.length})`),
      calls.calls.length ? table([
        ["Model", (c) => c.model], ["Status", (c) => statusCell(c.status)], ["Latency", (c) => fmtMs(c.latency_ms), { num: true }],
        ["Tokens", (c) => fmtInt(tokens(c)), { num: true }], ["Cost", (c) => fmtUSD(c.cost_usd), { num: true }],
      ], calls.calls, (c) => openCall(c.id)) : el("p", { class: "note" }, "None recorded."),
      el("h3", {}, "Feedback"), form);
  }

  async function drawCall(id) {
    const c = await api("/v1/calls/" + encodeURIComponent(id));
    openDialog(`Call to ${c.model}`,
      fields([["Id", c.id], ["Time", fmtTime(c.created_at)], ["Model", c.model], ["Provider", c.provider], ["Type", c.call_type],
        ["Status", c.status], ["Latency", fmtMs(c.latency_ms)], ["Input tokens", fmtInt(c.input_tokens)], ["Output tokens", fmtInt(c.output_tokens)],
        ["Cache read", fmtInt(c.cache_read_tokens)], ["Reasoning", fmtInt(c.reasoning_tokens)], ["Cost", fmtUSD(c.cost_usd)],
        ["Cost source", c.cost_source], ["User", c.user_id], ["Interaction", c.interaction_id]]),
      c.interaction_id ? el("button", { type: "button", class: "plain", onclick: () => openInteraction(c.interaction_id) }, "Open its interaction") : null,
      block("Input", c.input_text), block("Output", c.output_text),
      c.error_code || c.error_message ? block("Error", [c.error_code, c.error_message].filter(Boolean).join(": ")) : null,
      block("Request", c.request), block("Response", c.response), block("Metadata", c.metadata));
  }

  // ---- Live -------------------------------------------------------------------------

  // One small query every 10 s while the page is visible: the newest call's id. When it
  // changes, the overview and first pages of the logs are drawn again.
  async function poll() {
    if (document.hidden || $("#app").hidden || $("#detail").open) return;
    try {
      const page = await api("/v1/calls?" + query({ limit: 1 }), { quiet: true });
      const newest = page.calls.length ? page.calls[0].id : "";
      if (state.latest !== null && newest !== state.latest && !state.params.get("after") &&
          ["overview", "calls", "interactions", "failures"].includes(state.view)) {
        state.latest = newest;
        await route(true);
        return;
      }
      state.latest = newest;
      $("#live").hidden = false;
    } catch (_) {
      $("#live").hidden = true;
    }
  }
  function startLive() { stopLive(); state.latest = null; poll(); state.liveTimer = setInterval(poll, 10000); }
  function stopLive() { if (state.liveTimer) clearInterval(state.liveTimer); state.liveTimer = null; $("#live").hidden = true; }

  // ---- Start ------------------------------------------------------------------------

  // On a phone the filters fold away behind their heading, so the view comes first.
  if (window.matchMedia("(max-width: 600px)").matches) $("#filter-panel").open = false;

  (async () => {
    try {
      signedIn(await api("/dashboard/session", { quiet: true }));
    } catch (_) {
      showSignIn();
    }
  })();
})();
