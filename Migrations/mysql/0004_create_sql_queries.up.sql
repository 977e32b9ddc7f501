-- The SQL statements interactions ran against the application's own database, one row
-- each, in order. `fingerprint` is the statement with its literals left out and
-- `fingerprint_key` a hash of it, which reports group by.
CREATE TABLE ailedger_sql_queries (
    interaction_id  CHAR(36) CHARACTER SET ascii NOT NULL,
    ordinal         INT NOT NULL CHECK (ordinal >= 0),
    created_at      DATETIME(6) NOT NULL,
    database_name   VARCHAR(255),
    statement       LONGTEXT NOT NULL,
    fingerprint     LONGTEXT NOT NULL,
    fingerprint_key CHAR(16) CHARACTER SET ascii NOT NULL,
    result_count    BIGINT CHECK (result_count >= 0),
    duration_ms     DOUBLE CHECK (duration_ms >= 0),
    status          VARCHAR(16) NOT NULL CHECK (status IN ('success', 'error', 'partial')),
    error_message   LONGTEXT,
    PRIMARY KEY (interaction_id, ordinal),
    KEY ailedger_sql_queries_created_at (created_at),
    KEY ailedger_sql_queries_fingerprint (fingerprint_key, created_at),
    CONSTRAINT ailedger_sql_queries_interaction_fk FOREIGN KEY (interaction_id)
        REFERENCES ailedger_interactions (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
