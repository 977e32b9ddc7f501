-- Daily rollups of calls per persona, device and contact: `dimension` names which, `value`
-- is the call's interaction's, or else its conversation's (null: calls with none), as
-- grouping the raw rows by it gives. The same sums as the daily user rollups.
CREATE TABLE ailedger_party_rollups (
    day                timestamptz NOT NULL,
    key_hash           text NOT NULL,
    dimension          text NOT NULL,
    value              text,
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

-- Hourly counts of the interactions that reported an input variable missing, per variable
-- and the prompt rollups' values (interaction type, status, prompt, prompt version).
CREATE TABLE ailedger_variable_rollups (
    hour             timestamptz NOT NULL,
    key_hash         text NOT NULL,
    variable         text NOT NULL,
    interaction_type text,
    status           text NOT NULL,
    prompt_id        text,
    prompt_version   text,
    interactions     bigint NOT NULL,
    PRIMARY KEY (hour, key_hash)
);

-- Records stored before this migration are not counted here until `ailedger rollups
-- rebuild` has run; until then these questions read raw rows (the others keep rollups).
INSERT INTO ailedger_rollup_state (name, complete, updated_at)
SELECT 'parties', CASE WHEN EXISTS (SELECT 1 FROM ailedger_calls) OR EXISTS (SELECT 1 FROM ailedger_interactions) THEN 0 ELSE 1 END, now();
