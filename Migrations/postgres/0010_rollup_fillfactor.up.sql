-- Rollup rows are updated by every batch that counts in their hour or day. With room left
-- on each page, PostgreSQL writes the new row version beside the old one without touching
-- the primary key (a HOT update) and prunes the old one in place: the upserts do less work
-- and the tables stop bloating between vacuums. Pages written from now on keep half free.
ALTER TABLE ailedger_call_rollups SET (fillfactor = 50);
ALTER TABLE ailedger_user_rollups SET (fillfactor = 50);
ALTER TABLE ailedger_prompt_rollups SET (fillfactor = 50);
ALTER TABLE ailedger_party_rollups SET (fillfactor = 50);
ALTER TABLE ailedger_variable_rollups SET (fillfactor = 50);
