-- Hourly rollups of calls, kept by the ledger in the transaction that inserts the calls:
-- one row per UTC hour and (model, provider, call type, status). `key_hash` identifies the
-- four values, null or not, so that the primary key never holds a null. Token sums are
-- null where every counted call left the count out, as SUM over the raw rows would be.
-- `latency_histogram` counts latencies in log-spaced buckets (see LatencyHistogram).
CREATE TABLE ailedger_call_rollups (
    hour               TEXT NOT NULL,
    key_hash           TEXT NOT NULL,
    model              TEXT NOT NULL,
    provider           TEXT,
    call_type          TEXT,
    status             TEXT NOT NULL,
    calls              INTEGER NOT NULL,
    input_tokens       INTEGER,
    output_tokens      INTEGER,
    cache_read_tokens  INTEGER,
    cache_write_tokens INTEGER,
    reasoning_tokens   INTEGER,
    cost_nano_usd      INTEGER NOT NULL,
    unpriced           INTEGER NOT NULL,
    timed              INTEGER NOT NULL,
    latency_sum_ms     REAL NOT NULL,
    latency_histogram  TEXT NOT NULL,
    PRIMARY KEY (hour, key_hash)
) STRICT, WITHOUT ROWID;

-- Daily rollups of calls per user (a null user: calls without one), for spend per user:
-- the same sums as above but the histogram, the outcomes as columns.
CREATE TABLE ailedger_user_rollups (
    day                TEXT NOT NULL,
    key_hash           TEXT NOT NULL,
    user_id            TEXT,
    calls              INTEGER NOT NULL,
    successes          INTEGER NOT NULL,
    errors             INTEGER NOT NULL,
    partials           INTEGER NOT NULL,
    input_tokens       INTEGER,
    output_tokens      INTEGER,
    cache_read_tokens  INTEGER,
    cache_write_tokens INTEGER,
    reasoning_tokens   INTEGER,
    cost_nano_usd      INTEGER NOT NULL,
    unpriced           INTEGER NOT NULL,
    timed              INTEGER NOT NULL,
    latency_sum_ms     REAL NOT NULL,
    PRIMARY KEY (day, key_hash)
) STRICT, WITHOUT ROWID;

-- Hourly rollups per interaction type, status, prompt and prompt version: the interactions
-- (outcomes, processing time, feedback, quality, missing variables) in their hour, and the
-- calls they made in the calls' hours. Calls without an interaction count under a key whose
-- values are all null (an interaction always has a status).
CREATE TABLE ailedger_prompt_rollups (
    hour                   TEXT NOT NULL,
    key_hash               TEXT NOT NULL,
    interaction_type       TEXT,
    status                 TEXT,
    prompt_id              TEXT,
    prompt_version         TEXT,
    interactions           INTEGER NOT NULL,
    timed                  INTEGER NOT NULL,
    latency_sum_ms         REAL NOT NULL,
    latency_histogram      TEXT NOT NULL,
    with_missing_variables INTEGER NOT NULL,
    accepted               INTEGER NOT NULL,
    rejected               INTEGER NOT NULL,
    modified               INTEGER NOT NULL,
    scored                 INTEGER NOT NULL,
    score_sum              INTEGER NOT NULL,
    edited                 INTEGER NOT NULL,
    edit_sum               INTEGER NOT NULL,
    calls                  INTEGER NOT NULL,
    call_successes         INTEGER NOT NULL,
    call_errors            INTEGER NOT NULL,
    call_partials          INTEGER NOT NULL,
    input_tokens           INTEGER,
    output_tokens          INTEGER,
    cache_read_tokens      INTEGER,
    cache_write_tokens     INTEGER,
    reasoning_tokens       INTEGER,
    cost_nano_usd          INTEGER NOT NULL,
    unpriced               INTEGER NOT NULL,
    call_timed             INTEGER NOT NULL,
    call_latency_sum_ms    REAL NOT NULL,
    PRIMARY KEY (hour, key_hash)
) STRICT, WITHOUT ROWID;

-- Which users and conversations had interactions on each UTC day, so that the distinct
-- count over a range reads a row per user (conversation) and day, not every interaction.
CREATE TABLE ailedger_user_days (
    day      TEXT NOT NULL,
    key_hash TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    PRIMARY KEY (day, key_hash)
) STRICT, WITHOUT ROWID;

CREATE TABLE ailedger_conversation_days (
    day             TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    PRIMARY KEY (day, conversation_id)
) STRICT, WITHOUT ROWID;

-- Whether the rollups count every stored record: not when records were stored before this
-- migration, until `ailedger rollups rebuild` has run. Until then queries read raw rows.
-- `rebuilt_until` is where an interrupted rebuild resumes.
CREATE TABLE ailedger_rollup_state (
    name          TEXT PRIMARY KEY,
    complete      INTEGER NOT NULL,
    rebuilt_until TEXT,
    updated_at    TEXT NOT NULL
) STRICT;

INSERT INTO ailedger_rollup_state (name, complete, updated_at)
SELECT 'calls', CASE WHEN EXISTS (SELECT 1 FROM ailedger_calls) OR EXISTS (SELECT 1 FROM ailedger_interactions) THEN 0 ELSE 1 END, strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.000000Z';
