-- Where `ailedger retention apply --archive table` moves rows before deleting them: the
-- same columns in the same order as the live tables (a later migration that adds a column
-- to one adds it to its archive too), keyed like them, without foreign keys or secondary
-- indexes.
CREATE TABLE ailedger_conversations_archive (LIKE ailedger_conversations INCLUDING DEFAULTS, PRIMARY KEY (id));
CREATE TABLE ailedger_interactions_archive (LIKE ailedger_interactions INCLUDING DEFAULTS, PRIMARY KEY (id));
CREATE TABLE ailedger_sql_queries_archive (LIKE ailedger_sql_queries INCLUDING DEFAULTS, PRIMARY KEY (interaction_id, ordinal));
CREATE TABLE ailedger_calls_archive (LIKE ailedger_calls INCLUDING DEFAULTS, PRIMARY KEY (id));
