DROP TABLE IF EXISTS ailedger_calls_archive;
DROP TABLE IF EXISTS ailedger_sql_queries_archive;
DROP TABLE IF EXISTS ailedger_interactions_archive;
DROP TABLE IF EXISTS ailedger_conversations_archive;
