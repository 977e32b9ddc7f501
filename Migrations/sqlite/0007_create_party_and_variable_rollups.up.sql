-- Daily rollups of calls per persona, device and contact: `dimension` names which, `value`
-- is the call's interaction's, or else its conversation's (null: calls with none), as
-- grouping the raw rows by it gives. The same sums as the daily user rollups.
CREATE TABLE ailedger_party_rollups (
    day                TEXT NOT NULL,
    key_hash           TEXT NOT NULL,
    dimension          TEXT NOT NULL,
    value              TEXT,
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

-- Hourly counts of the interactions that reported an input variable missing, per variable
-- and the prompt rollups' values (interaction type, status, prompt, prompt version).
CREATE TABLE ailedger_variable_rollups (
    hour             TEXT NOT NULL,
    key_hash         TEXT NOT NULL,
    variable         TEXT NOT NULL,
    interaction_type TEXT,
    status           TEXT NOT NULL,
    prompt_id        TEXT,
    prompt_version   TEXT,
    interactions     INTEGER NOT NULL,
    PRIMARY KEY (hour, key_hash)
) STRICT, WITHOUT ROWID;

-- Records stored before this migration are not counted here until `ailedger rollups
-- rebuild` has run; until then these questions read raw rows (the others keep rollups).
INSERT INTO ailedger_rollup_state (name, complete, updated_at)
SELECT 'parties', CASE WHEN EXISTS (SELECT 1 FROM ailedger_calls) OR EXISTS (SELECT 1 FROM ailedger_interactions) THEN 0 ELSE 1 END, strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.000000Z';
