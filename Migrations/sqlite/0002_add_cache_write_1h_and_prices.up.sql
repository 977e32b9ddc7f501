-- The one-hour part of cache writes, priced apart; and prices stored in the database.
ALTER TABLE ailedger_calls ADD COLUMN cache_write_1h_tokens INTEGER;

CREATE TABLE ailedger_prices (
    id             TEXT NOT NULL PRIMARY KEY,
    model          TEXT NOT NULL,
    provider       TEXT NOT NULL DEFAULT '',
    effective_from TEXT NOT NULL,
    entry          TEXT NOT NULL CHECK (json_valid(entry)),
    created_at     TEXT NOT NULL
) STRICT;

CREATE INDEX ailedger_prices_model ON ailedger_prices (model, provider, effective_from);
