DROP TABLE IF EXISTS ailedger_rollup_state;
DROP TABLE IF EXISTS ailedger_conversation_days;
DROP TABLE IF EXISTS ailedger_user_days;
DROP TABLE IF EXISTS ailedger_prompt_rollups;
DROP TABLE IF EXISTS ailedger_user_rollups;
DROP TABLE IF EXISTS ailedger_call_rollups;
