-- Where `ailedger retention apply --archive table` moves rows before deleting them: the
-- same columns in the same order as the live tables (a later migration that adds a column
-- to one adds it to its archive too), keyed like them, without foreign keys or checks.
CREATE TABLE ailedger_conversations_archive AS SELECT * FROM ailedger_conversations WHERE 0;
CREATE UNIQUE INDEX ailedger_conversations_archive_id ON ailedger_conversations_archive (id);
CREATE TABLE ailedger_interactions_archive AS SELECT * FROM ailedger_interactions WHERE 0;
CREATE UNIQUE INDEX ailedger_interactions_archive_id ON ailedger_interactions_archive (id);
CREATE TABLE ailedger_sql_queries_archive AS SELECT * FROM ailedger_sql_queries WHERE 0;
CREATE UNIQUE INDEX ailedger_sql_queries_archive_key ON ailedger_sql_queries_archive (interaction_id, ordinal);
CREATE TABLE ailedger_calls_archive AS SELECT * FROM ailedger_calls WHERE 0;
CREATE UNIQUE INDEX ailedger_calls_archive_id ON ailedger_calls_archive (id);
