-- The view's model and token columns, kept per interaction as calls are stored, so that
-- `ai_conversations` reads one row by primary key per reply instead of running four
-- subqueries over the calls (seed 002's queries stay within 2x of its own table).
-- Triggers keep it in the transaction that stores or deletes the calls; a replayed call
-- is never inserted, so it is never counted. `last_created_at` and `last_call_id` say
-- which call is the latest, whose model the view shows.
CREATE TABLE ailedger_compat_whatsapp_totals (
    interaction_id   CHAR(36) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    model            VARCHAR(255),
    last_created_at  DATETIME(6) NOT NULL,
    last_call_id     CHAR(36) CHARACTER SET ascii NOT NULL,
    input_tokens     BIGINT NOT NULL,
    output_tokens    BIGINT NOT NULL
);

INSERT INTO ailedger_compat_whatsapp_totals
SELECT c.interaction_id,
       (SELECT l.model FROM ailedger_calls l WHERE l.interaction_id = c.interaction_id
            ORDER BY l.created_at DESC, l.id DESC LIMIT 1),
       MAX(c.created_at),
       (SELECT l.id FROM ailedger_calls l WHERE l.interaction_id = c.interaction_id
            ORDER BY l.created_at DESC, l.id DESC LIMIT 1),
       COALESCE(SUM(c.input_tokens), 0), COALESCE(SUM(c.output_tokens), 0)
FROM ailedger_calls c
WHERE c.interaction_id IS NOT NULL
GROUP BY c.interaction_id;

CREATE TRIGGER ailedger_compat_whatsapp_call_added AFTER INSERT ON ailedger_calls FOR EACH ROW
INSERT INTO ailedger_compat_whatsapp_totals (interaction_id, model, last_created_at, last_call_id, input_tokens, output_tokens)
SELECT NEW.interaction_id, NEW.model, NEW.created_at, NEW.id, COALESCE(NEW.input_tokens, 0), COALESCE(NEW.output_tokens, 0)
FROM DUAL WHERE NEW.interaction_id IS NOT NULL
ON DUPLICATE KEY UPDATE
    model = IF((VALUES(last_created_at), VALUES(last_call_id)) > (last_created_at, last_call_id), VALUES(model), model),
    last_call_id = IF((VALUES(last_created_at), VALUES(last_call_id)) > (last_created_at, last_call_id), VALUES(last_call_id), last_call_id),
    last_created_at = GREATEST(last_created_at, VALUES(last_created_at)),
    input_tokens = input_tokens + VALUES(input_tokens),
    output_tokens = output_tokens + VALUES(output_tokens);

CREATE TRIGGER ailedger_compat_whatsapp_call_removed AFTER DELETE ON ailedger_calls FOR EACH ROW
UPDATE ailedger_compat_whatsapp_totals t
SET t.input_tokens = t.input_tokens - COALESCE(OLD.input_tokens, 0),
    t.output_tokens = t.output_tokens - COALESCE(OLD.output_tokens, 0),
    t.model = (SELECT l.model FROM ailedger_calls l WHERE l.interaction_id = OLD.interaction_id
                  ORDER BY l.created_at DESC, l.id DESC LIMIT 1),
    t.last_call_id = COALESCE((SELECT l.id FROM ailedger_calls l WHERE l.interaction_id = OLD.interaction_id
                                  ORDER BY l.created_at DESC, l.id DESC LIMIT 1), ''),
    t.last_created_at = COALESCE((SELECT MAX(l.created_at) FROM ailedger_calls l WHERE l.interaction_id = OLD.interaction_id),
                                 '1970-01-01')
WHERE t.interaction_id = OLD.interaction_id;

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
