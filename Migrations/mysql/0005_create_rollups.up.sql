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

-- Whether the rollups count every stored call: not when calls were stored before this
-- migration, until `ailedger rollups rebuild` has run. Until then queries read raw rows.
-- `rebuilt_until` is where an interrupted rebuild resumes.
CREATE TABLE ailedger_rollup_state (
    name          VARCHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    complete      INT NOT NULL,
    rebuilt_until DATETIME(6),
    updated_at    DATETIME(6) NOT NULL
) ENGINE = InnoDB;

INSERT INTO ailedger_rollup_state (name, complete, updated_at)
SELECT 'calls', CASE WHEN EXISTS (SELECT 1 FROM ailedger_calls) THEN 0 ELSE 1 END, UTC_TIMESTAMP(6);
