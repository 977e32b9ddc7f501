DROP TABLE IF EXISTS ailedger_prices;
ALTER TABLE ailedger_calls DROP COLUMN cache_write_1h_tokens;
