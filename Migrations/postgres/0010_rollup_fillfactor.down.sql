ALTER TABLE ailedger_variable_rollups RESET (fillfactor);
ALTER TABLE ailedger_party_rollups RESET (fillfactor);
ALTER TABLE ailedger_prompt_rollups RESET (fillfactor);
ALTER TABLE ailedger_user_rollups RESET (fillfactor);
ALTER TABLE ailedger_call_rollups RESET (fillfactor);
