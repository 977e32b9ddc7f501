-- Where `ailedger retention apply --archive table` moves rows before deleting them: the
-- same columns in the same order as the live tables (a later migration that adds a column
-- to one adds it to its archive too), with their keys and indexes but no foreign keys.
CREATE TABLE ailedger_conversations_archive LIKE ailedger_conversations;
CREATE TABLE ailedger_interactions_archive LIKE ailedger_interactions;
CREATE TABLE ailedger_sql_queries_archive LIKE ailedger_sql_queries;
CREATE TABLE ailedger_calls_archive LIKE ailedger_calls;
