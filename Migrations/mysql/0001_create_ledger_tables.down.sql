DROP TABLE IF EXISTS ailedger_calls;
DROP TABLE IF EXISTS ailedger_interactions;
DROP TABLE IF EXISTS ailedger_conversations;
DROP TABLE IF EXISTS ailedger_models;
