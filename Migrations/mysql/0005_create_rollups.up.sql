-- Hourly rollups of calls, kept by the ledger in the transaction that inserts the calls:
-- one row per UTC hour and (model, provider, call type, status). `key_hash` identifies the
-- four values, null or not, so that the primary key never holds a null. Token sums are
-- null where every counted call left the count out, as SUM over the raw rows would be.
-- `latency_histogram` counts latencies in log-spaced buckets (see LatencyHistogram).
CREATE TABLE ailedger_call_rollups (
    hour               DATETIME(6) NOT NULL,
    key_hash           CHAR(32) CHARACTER SET ascii NOT NULL,
    model              VARCHAR(255) NOT NULL,
    provider           VARCHAR(255),
    call_type          VARCHAR(255),
    status             VARCHAR(16) NOT NULL,
    calls              BIGINT NOT NULL,
    input_tokens       BIGINT,
    output_tokens      BIGINT,
    cache_read_tokens  BIGINT,
    cache_write_tokens BIGINT,
    reasoning_tokens   BIGINT,
    cost_nano_usd      BIGINT NOT NULL,
    unpriced           BIGINT NOT NULL,
    timed              BIGINT NOT NULL,
    latency_sum_ms     DOUBLE NOT NULL,
    latency_histogram  LONGTEXT NOT NULL,
    PRIMARY KEY (hour, key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Daily rollups of calls per user (a null user: calls without one), for spend per user:
-- the same sums as above but the histogram, the outcomes as columns.
CREATE TABLE ailedger_user_rollups (
    day                DATETIME(6) NOT NULL,
    key_hash           CHAR(32) CHARACTER SET ascii NOT NULL,
    user_id            VARCHAR(255),
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

-- Hourly rollups per interaction type, status, prompt and prompt version: the interactions
-- (outcomes, processing time, feedback, quality, missing variables) in their hour, and the
-- calls they made in the calls' hours. Calls without an interaction count under a key whose
-- values are all null (an interaction always has a status).
CREATE TABLE ailedger_prompt_rollups (
    hour                   DATETIME(6) NOT NULL,
    key_hash               CHAR(32) CHARACTER SET ascii NOT NULL,
    interaction_type       VARCHAR(255),
    status                 VARCHAR(16),
    prompt_id              VARCHAR(255),
    prompt_version         VARCHAR(255),
    interactions           BIGINT NOT NULL,
    timed                  BIGINT NOT NULL,
    latency_sum_ms         DOUBLE NOT NULL,
    latency_histogram      LONGTEXT NOT NULL,
    with_missing_variables BIGINT NOT NULL,
    accepted               BIGINT NOT NULL,
    rejected               BIGINT NOT NULL,
    modified               BIGINT NOT NULL,
    scored                 BIGINT NOT NULL,
    score_sum              BIGINT NOT NULL,
    edited                 BIGINT NOT NULL,
    edit_sum               BIGINT NOT NULL,
    calls                  BIGINT NOT NULL,
    call_successes         BIGINT NOT NULL,
    call_errors            BIGINT NOT NULL,
    call_partials          BIGINT NOT NULL,
    input_tokens           BIGINT,
    output_tokens          BIGINT,
    cache_read_tokens      BIGINT,
    cache_write_tokens     BIGINT,
    reasoning_tokens       BIGINT,
    cost_nano_usd          BIGINT NOT NULL,
    unpriced               BIGINT NOT NULL,
    call_timed             BIGINT NOT NULL,
    call_latency_sum_ms    DOUBLE NOT NULL,
    PRIMARY KEY (hour, key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Which users and conversations had interactions on each UTC day, so that the distinct
-- count over a range reads a row per user (conversation) and day, not every interaction.
CREATE TABLE ailedger_user_days (
    day      DATETIME(6) NOT NULL,
    key_hash CHAR(32) CHARACTER SET ascii NOT NULL,
    user_id  VARCHAR(255) NOT NULL,
    PRIMARY KEY (day, key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE ailedger_conversation_days (
    day             DATETIME(6) NOT NULL,
    conversation_id CHAR(36) CHARACTER SET ascii NOT NULL,
    PRIMARY KEY (day, conversation_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Whether the rollups count every stored record: not when records were stored before this
-- migration, until `ailedger rollups rebuild` has run. Until then queries read raw rows.
-- `rebuilt_until` is where an interrupted rebuild resumes.
CREATE TABLE ailedger_rollup_state (
    name          VARCHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    complete      INT NOT NULL,
    rebuilt_until DATETIME(6),
    updated_at    DATETIME(6) NOT NULL
) ENGINE = InnoDB;

INSERT INTO ailedger_rollup_state (name, complete, updated_at)
SELECT 'calls', CASE WHEN EXISTS (SELECT 1 FROM ailedger_calls) OR EXISTS (SELECT 1 FROM ailedger_interactions) THEN 0 ELSE 1 END, UTC_TIMESTAMP(6);
