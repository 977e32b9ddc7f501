DELETE FROM ailedger_rollup_state WHERE name = 'parties';
DROP TABLE IF EXISTS ailedger_variable_rollups;
DROP TABLE IF EXISTS ailedger_party_rollups;
