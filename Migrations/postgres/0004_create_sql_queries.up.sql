-- The SQL statements interactions ran against the application's own database, one row
-- each, in order. `fingerprint` is the statement with its literals left out and
-- `fingerprint_key` a hash of it, which reports group by.
CREATE TABLE ailedger_sql_queries (
    interaction_id  uuid NOT NULL REFERENCES ailedger_interactions (id) ON DELETE CASCADE,
    ordinal         integer NOT NULL CHECK (ordinal >= 0),
    created_at      timestamptz NOT NULL,
    database_name   text,
    statement       text NOT NULL,
    fingerprint     text NOT NULL,
    fingerprint_key text NOT NULL,
    result_count    bigint CHECK (result_count >= 0),
    duration_ms     double precision CHECK (duration_ms >= 0),
    status          text NOT NULL CHECK (status IN ('success', 'error', 'partial')),
    error_message   text,
    PRIMARY KEY (interaction_id, ordinal)
);
CREATE INDEX ailedger_sql_queries_created_at ON ailedger_sql_queries (created_at);
CREATE INDEX ailedger_sql_queries_fingerprint ON ailedger_sql_queries (fingerprint_key, created_at);
