-- The one-hour part of cache writes, priced apart; and prices stored in the database.
ALTER TABLE ailedger_calls ADD COLUMN cache_write_1h_tokens bigint CHECK (cache_write_1h_tokens >= 0);

CREATE TABLE ailedger_prices (
    id             uuid PRIMARY KEY,
    model          text NOT NULL,
    provider       text NOT NULL DEFAULT '',
    effective_from timestamptz NOT NULL,
    entry          jsonb NOT NULL,
    created_at     timestamptz NOT NULL
);

CREATE INDEX ailedger_prices_model ON ailedger_prices (model, provider, effective_from);
