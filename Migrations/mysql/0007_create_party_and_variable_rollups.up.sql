-- Daily rollups of calls per persona, device and contact: `dimension` names which, `value`
-- is the call's interaction's, or else its conversation's (null: calls with none), as
-- grouping the raw rows by it gives. The same sums as the daily user rollups.
CREATE TABLE ailedger_party_rollups (
    day                DATETIME(6) NOT NULL,
    key_hash           CHAR(32) CHARACTER SET ascii NOT NULL,
    dimension          VARCHAR(16) CHARACTER SET ascii NOT NULL,
    value              VARCHAR(255),
    calls              BIGINT NOT NULL,
    successes          BIGINT NOT NULL,
    errors             BIGINT NOT NULL,
    partials           BIGINT NOT NULL,
    input_tokens       BIGINT,
    output_tokens      BIGINT,
    cache_read_tokens  BIGINT,
    cache_write_tokens BIGINT,
    reasoning_tokens   BIGINT,
    cost_nano_usd      BIGINT NOT NULL,
    unpriced           BIGINT NOT NULL,
    timed              BIGINT NOT NULL,
    latency_sum_ms     DOUBLE NOT NULL,
    PRIMARY KEY (day, key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Hourly counts of the interactions that reported an input variable missing, per variable
-- and the prompt rollups' values (interaction type, status, prompt, prompt version).
CREATE TABLE ailedger_variable_rollups (
    hour             DATETIME(6) NOT NULL,
    key_hash         CHAR(32) CHARACTER SET ascii NOT NULL,
    variable         VARCHAR(255) NOT NULL,
    interaction_type VARCHAR(255),
    status           VARCHAR(255) NOT NULL,
    prompt_id        VARCHAR(255),
    prompt_version   VARCHAR(255),
    interactions     BIGINT NOT NULL,
    PRIMARY KEY (hour, key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Records stored before this migration are not counted here until `ailedger rollups
-- rebuild` has run; until then these questions read raw rows (the others keep rollups).
INSERT INTO ailedger_rollup_state (name, complete, updated_at)
SELECT 'parties', CASE WHEN EXISTS (SELECT 1 FROM ailedger_calls) OR EXISTS (SELECT 1 FROM ailedger_interactions) THEN 0 ELSE 1 END, UTC_TIMESTAMP(6);
