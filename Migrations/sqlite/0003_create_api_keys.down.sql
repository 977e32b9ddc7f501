DROP TABLE IF EXISTS ailedger_api_keys;
