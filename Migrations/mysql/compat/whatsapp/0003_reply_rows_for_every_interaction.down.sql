-- Back to reading the interactions with their totals joined; rows of replies without a
-- call go.
CREATE OR REPLACE VIEW ai_conversations AS
SELECT
    i.id AS id,
    i.device_id AS device_id,
    i.external_id AS message_id,
    i.contact_id AS contact_id,
    i.persona_id AS persona_id,
    t.model AS model,
    i.input_text AS user_message,
    i.output_text AS ai_response,
    CAST(COALESCE(t.input_tokens + t.output_tokens, 0) AS SIGNED) AS tokens_used,
    CAST(COALESCE(t.input_tokens, 0) AS SIGNED) AS input_tokens,
    CAST(COALESCE(t.output_tokens, 0) AS SIGNED) AS output_tokens,
    i.created_at AS created_at
FROM ailedger_interactions i
LEFT JOIN ailedger_compat_whatsapp_totals t ON t.interaction_id = i.id;

DROP TRIGGER IF EXISTS ailedger_compat_whatsapp_reply_removed;
DROP TRIGGER IF EXISTS ailedger_compat_whatsapp_reply_added;
DELETE FROM ailedger_compat_whatsapp_totals WHERE last_call_id = '';
ALTER TABLE ailedger_compat_whatsapp_totals
    DROP KEY ailedger_compat_whatsapp_device,
    DROP KEY ailedger_compat_whatsapp_created_at,
    DROP COLUMN persona_id,
    DROP COLUMN contact_id,
    DROP COLUMN device_id,
    DROP COLUMN created_at;
