-- Hourly rollups of calls, kept by the ledger in the transaction that inserts the calls:
-- one row per UTC hour and (model, provider, call type, status). `key_hash` identifies the
-- four values, null or not, so that the primary key never holds a null. Token sums are
-- null where every counted call left the count out, as SUM over the raw rows would be.
-- `latency_histogram` counts latencies in log-spaced buckets (see LatencyHistogram).
CREATE TABLE ailedger_call_rollups (
    hour               timestamptz NOT NULL,
    key_hash           text NOT NULL,
    model              text NOT NULL,
    provider           text,
    call_type          text,
    status             text NOT NULL,
    calls              bigint NOT NULL,
    input_tokens       bigint,
    output_tokens      bigint,
    cache_read_tokens  bigint,
    cache_write_tokens bigint,
    reasoning_tokens   bigint,
    cost_nano_usd      bigint NOT NULL,
    unpriced           bigint NOT NULL,
    timed              bigint NOT NULL,
    latency_sum_ms     double precision NOT NULL,
    latency_histogram  text NOT NULL,
    PRIMARY KEY (hour, key_hash)
);

-- Daily rollups of calls per user (a null user: calls without one), for spend per user:
-- the same sums as above but the histogram, the outcomes as columns.
CREATE TABLE ailedger_user_rollups (
    day                timestamptz NOT NULL,
    key_hash           text NOT NULL,
    user_id            text,
    calls              bigint NOT NULL,
    successes          bigint NOT NULL,
    errors             bigint NOT NULL,
    partials           bigint NOT NULL,
    input_tokens       bigint,
    output_tokens      bigint,
    cache_read_tokens  bigint,
    cache_write_tokens bigint,
    reasoning_tokens   bigint,
    cost_nano_usd      bigint NOT NULL,
    unpriced           bigint NOT NULL,
    timed              bigint NOT NULL,
    latency_sum_ms     double precision NOT NULL,
    PRIMARY KEY (day, key_hash)
);

-- Hourly rollups per interaction type, status, prompt and prompt version: the interactions
-- (outcomes, processing time, feedback, quality, missing variables) in their hour, and the
-- calls they made in the calls' hours. Calls without an interaction count under a key whose
-- values are all null (an interaction always has a status).
CREATE TABLE ailedger_prompt_rollups (
    hour                   timestamptz NOT NULL,
    key_hash               text NOT NULL,
    interaction_type       text,
    status                 text,
    prompt_id              text,
    prompt_version         text,
    interactions           bigint NOT NULL,
    timed                  bigint NOT NULL,
    latency_sum_ms         double precision NOT NULL,
    latency_histogram      text NOT NULL,
    with_missing_variables bigint NOT NULL,
    accepted               bigint NOT NULL,
    rejected               bigint NOT NULL,
    modified               bigint NOT NULL,
    scored                 bigint NOT NULL,
    score_sum              bigint NOT NULL,
    edited                 bigint NOT NULL,
    edit_sum               bigint NOT NULL,
    calls                  bigint NOT NULL,
    call_successes         bigint NOT NULL,
    call_errors            bigint NOT NULL,
    call_partials          bigint NOT NULL,
    input_tokens           bigint,
    output_tokens          bigint,
    cache_read_tokens      bigint,
    cache_write_tokens     bigint,
    reasoning_tokens       bigint,
    cost_nano_usd          bigint NOT NULL,
    unpriced               bigint NOT NULL,
    call_timed             bigint NOT NULL,
    call_latency_sum_ms    double precision NOT NULL,
    PRIMARY KEY (hour, key_hash)
);

-- Which users and conversations had interactions on each UTC day, so that the distinct
-- count over a range reads a row per user (conversation) and day, not every interaction.
CREATE TABLE ailedger_user_days (
    day      timestamptz NOT NULL,
    key_hash text NOT NULL,
    user_id  text NOT NULL,
    PRIMARY KEY (day, key_hash)
);

CREATE TABLE ailedger_conversation_days (
    day             timestamptz NOT NULL,
    conversation_id uuid NOT NULL,
    PRIMARY KEY (day, conversation_id)
);

-- Whether the rollups count every stored record: not when records were stored before this
-- migration, until `ailedger rollups rebuild` has run. Until then queries read raw rows.
-- `rebuilt_until` is where an interrupted rebuild resumes.
CREATE TABLE ailedger_rollup_state (
    name          text PRIMARY KEY,
    complete      integer NOT NULL,
    rebuilt_until timestamptz,
    updated_at    timestamptz NOT NULL
);

INSERT INTO ailedger_rollup_state (name, complete, updated_at)
SELECT 'calls', CASE WHEN EXISTS (SELECT 1 FROM ailedger_calls) OR EXISTS (SELECT 1 FROM ailedger_interactions) THEN 0 ELSE 1 END, now();
