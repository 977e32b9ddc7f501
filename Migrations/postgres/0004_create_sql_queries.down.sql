DROP TABLE IF EXISTS ailedger_sql_queries;
