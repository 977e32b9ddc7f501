-- The one-hour part of cache writes, priced apart; and prices stored in the database.
ALTER TABLE ailedger_calls ADD COLUMN cache_write_1h_tokens BIGINT CHECK (cache_write_1h_tokens >= 0);

CREATE TABLE ailedger_prices (
    id             CHAR(36) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    model          VARCHAR(255) NOT NULL,
    provider       VARCHAR(255) NOT NULL DEFAULT '',
    effective_from DATETIME(6) NOT NULL,
    entry          JSON NOT NULL CHECK (JSON_VALID(entry)),
    created_at     DATETIME(6) NOT NULL,
    KEY ailedger_prices_model (model, provider, effective_from)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
