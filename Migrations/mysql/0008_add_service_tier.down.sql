ALTER TABLE ailedger_calls_archive DROP COLUMN service_tier;
ALTER TABLE ailedger_calls DROP COLUMN service_tier;
