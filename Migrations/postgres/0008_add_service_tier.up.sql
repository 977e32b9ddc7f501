-- The service tier a call ran at (OpenAI's `service_tier`, Anthropic's
-- `usage.service_tier`: default, flex, priority, batch…), which changes its price.
ALTER TABLE ailedger_calls ADD COLUMN service_tier text;
ALTER TABLE ailedger_calls_archive ADD COLUMN service_tier text;
