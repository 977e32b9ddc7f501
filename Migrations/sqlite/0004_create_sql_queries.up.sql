-- The SQL statements interactions ran against the application's own database, one row
-- each, in order. `fingerprint` is the statement with its literals left out and
-- `fingerprint_key` a hash of it, which reports group by.
CREATE TABLE ailedger_sql_queries (
    interaction_id  TEXT NOT NULL REFERENCES ailedger_interactions (id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL CHECK (ordinal >= 0),
    created_at      TEXT NOT NULL,
    database_name   TEXT,
    statement       TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,
    fingerprint_key TEXT NOT NULL,
    result_count    INTEGER CHECK (result_count >= 0),
    duration_ms     REAL CHECK (duration_ms >= 0),
    status          TEXT NOT NULL CHECK (status IN ('success', 'error', 'partial')),
    error_message   TEXT,
    PRIMARY KEY (interaction_id, ordinal)
) STRICT;
CREATE INDEX ailedger_sql_queries_created_at ON ailedger_sql_queries (created_at);
CREATE INDEX ailedger_sql_queries_fingerprint ON ailedger_sql_queries (fingerprint_key, created_at);
