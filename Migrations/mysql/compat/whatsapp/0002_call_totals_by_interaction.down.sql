DROP TRIGGER IF EXISTS ailedger_compat_whatsapp_call_removed;
DROP TRIGGER IF EXISTS ailedger_compat_whatsapp_call_added;
DROP TABLE IF EXISTS ailedger_compat_whatsapp_totals;
CREATE OR REPLACE VIEW ai_conversations AS
SELECT
    i.id AS id,
    i.device_id AS device_id,
    i.external_id AS message_id,
    i.contact_id AS contact_id,
    i.persona_id AS persona_id,
    (SELECT c.model FROM ailedger_calls c WHERE c.interaction_id = i.id
        ORDER BY c.created_at DESC, c.id DESC LIMIT 1) AS model,
    i.input_text AS user_message,
    i.output_text AS ai_response,
    (SELECT CAST(COALESCE(SUM(COALESCE(c.input_tokens, 0) + COALESCE(c.output_tokens, 0)), 0) AS SIGNED)
        FROM ailedger_calls c WHERE c.interaction_id = i.id) AS tokens_used,
    (SELECT CAST(COALESCE(SUM(c.input_tokens), 0) AS SIGNED)
        FROM ailedger_calls c WHERE c.interaction_id = i.id) AS input_tokens,
    (SELECT CAST(COALESCE(SUM(c.output_tokens), 0) AS SIGNED)
        FROM ailedger_calls c WHERE c.interaction_id = i.id) AS output_tokens,
    i.created_at AS created_at
FROM ailedger_interactions i;
