-- Seed 004's totals per message and per conversation, kept as calls and interactions are
-- stored, so that its dashboard reads a row by key (or the latest conversations through an
-- index) instead of running a subquery over the calls per column and row. Triggers keep
-- them in the transaction that stores, reprices or deletes the records; a replayed record
-- is never inserted, so it is never counted. Every conversation has a row (zero until its
-- first message), so the summary view can start from its `last_message_at` index.
CREATE TABLE ailedger_compat_chatbot_message_totals (
    interaction_id CHAR(36) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    calls          BIGINT NOT NULL,
    tokens         BIGINT NOT NULL,
    cost_nano_usd  BIGINT NOT NULL,
    duration_ms    DOUBLE NOT NULL
);

CREATE TABLE ailedger_compat_chatbot_conversation_totals (
    conversation_id     CHAR(36) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    first_message_at    DATETIME(6),
    last_message_at     DATETIME(6),
    last_interaction_id CHAR(36) CHARACTER SET ascii,
    messages            BIGINT NOT NULL,
    successes           BIGINT NOT NULL,
    calls               BIGINT NOT NULL,
    tokens              BIGINT NOT NULL,
    cost_nano_usd       BIGINT NOT NULL,
    duration_ms         DOUBLE NOT NULL,
    KEY ailedger_compat_chatbot_last_message (last_message_at)
);

INSERT INTO ailedger_compat_chatbot_message_totals
SELECT c.interaction_id, COUNT(*), COALESCE(SUM(COALESCE(c.input_tokens, 0) + COALESCE(c.output_tokens, 0)), 0),
       COALESCE(SUM(c.cost_nano_usd), 0), COALESCE(SUM(c.latency_ms), 0)
FROM ailedger_calls c
WHERE c.interaction_id IS NOT NULL
GROUP BY c.interaction_id;

INSERT INTO ailedger_compat_chatbot_conversation_totals
SELECT v.id, m.first_at, m.last_at,
       (SELECT l.id FROM ailedger_interactions l WHERE l.conversation_id = v.id ORDER BY l.created_at DESC, l.id DESC LIMIT 1),
       COALESCE(m.messages, 0), COALESCE(m.successes, 0), COALESCE(k.calls, 0), COALESCE(k.tokens, 0),
       COALESCE(k.cost, 0), COALESCE(k.duration, 0)
FROM ailedger_conversations v
LEFT JOIN (SELECT i.conversation_id, MIN(i.created_at) AS first_at, MAX(i.created_at) AS last_at, COUNT(*) AS messages,
                  SUM(i.status = 'success') AS successes
           FROM ailedger_interactions i WHERE i.conversation_id IS NOT NULL GROUP BY i.conversation_id) m
    ON m.conversation_id = v.id
LEFT JOIN (SELECT c.conversation_id, COUNT(*) AS calls, SUM(COALESCE(c.input_tokens, 0) + COALESCE(c.output_tokens, 0)) AS tokens,
                  SUM(c.cost_nano_usd) AS cost, SUM(c.latency_ms) AS duration
           FROM ailedger_calls c WHERE c.conversation_id IS NOT NULL GROUP BY c.conversation_id) k
    ON k.conversation_id = v.id;

CREATE TRIGGER ailedger_compat_chatbot_conversation_added AFTER INSERT ON ailedger_conversations FOR EACH ROW
INSERT IGNORE INTO ailedger_compat_chatbot_conversation_totals
    (conversation_id, messages, successes, calls, tokens, cost_nano_usd, duration_ms)
VALUES (NEW.id, 0, 0, 0, 0, 0, 0);

CREATE TRIGGER ailedger_compat_chatbot_conversation_removed AFTER DELETE ON ailedger_conversations FOR EACH ROW
DELETE FROM ailedger_compat_chatbot_conversation_totals WHERE conversation_id = OLD.id;

CREATE TRIGGER ailedger_compat_chatbot_message_added AFTER INSERT ON ailedger_interactions FOR EACH ROW
UPDATE ailedger_compat_chatbot_conversation_totals t
SET t.last_interaction_id = IF(t.last_message_at IS NULL OR (NEW.created_at, NEW.id) > (t.last_message_at, t.last_interaction_id),
                               NEW.id, t.last_interaction_id),
    t.first_message_at = LEAST(COALESCE(t.first_message_at, NEW.created_at), NEW.created_at),
    t.last_message_at = GREATEST(COALESCE(t.last_message_at, NEW.created_at), NEW.created_at),
    t.messages = t.messages + 1,
    t.successes = t.successes + (NEW.status = 'success')
WHERE t.conversation_id = NEW.conversation_id;

CREATE TRIGGER ailedger_compat_chatbot_message_removed AFTER DELETE ON ailedger_interactions FOR EACH ROW
UPDATE ailedger_compat_chatbot_conversation_totals t
SET t.messages = t.messages - 1,
    t.successes = t.successes - (OLD.status = 'success'),
    t.first_message_at = (SELECT MIN(l.created_at) FROM ailedger_interactions l WHERE l.conversation_id = OLD.conversation_id),
    t.last_message_at = (SELECT MAX(l.created_at) FROM ailedger_interactions l WHERE l.conversation_id = OLD.conversation_id),
    t.last_interaction_id = (SELECT l.id FROM ailedger_interactions l WHERE l.conversation_id = OLD.conversation_id
                             ORDER BY l.created_at DESC, l.id DESC LIMIT 1)
WHERE t.conversation_id = OLD.conversation_id;

CREATE TRIGGER ailedger_compat_chatbot_call_added AFTER INSERT ON ailedger_calls FOR EACH ROW
BEGIN
    IF NEW.interaction_id IS NOT NULL THEN
        INSERT INTO ailedger_compat_chatbot_message_totals (interaction_id, calls, tokens, cost_nano_usd, duration_ms)
        VALUES (NEW.interaction_id, 1, COALESCE(NEW.input_tokens, 0) + COALESCE(NEW.output_tokens, 0),
                COALESCE(NEW.cost_nano_usd, 0), COALESCE(NEW.latency_ms, 0))
        ON DUPLICATE KEY UPDATE calls = calls + 1, tokens = tokens + VALUES(tokens),
            cost_nano_usd = cost_nano_usd + VALUES(cost_nano_usd), duration_ms = duration_ms + VALUES(duration_ms);
    END IF;
    UPDATE ailedger_compat_chatbot_conversation_totals t
    SET t.calls = t.calls + 1, t.tokens = t.tokens + COALESCE(NEW.input_tokens, 0) + COALESCE(NEW.output_tokens, 0),
        t.cost_nano_usd = t.cost_nano_usd + COALESCE(NEW.cost_nano_usd, 0), t.duration_ms = t.duration_ms + COALESCE(NEW.latency_ms, 0)
    WHERE t.conversation_id = NEW.conversation_id;
END;

-- `ailedger prices recompute` changes a stored call's cost; nothing else it sums changes.
CREATE TRIGGER ailedger_compat_chatbot_call_repriced AFTER UPDATE ON ailedger_calls FOR EACH ROW
BEGIN
    IF COALESCE(NEW.cost_nano_usd, 0) <> COALESCE(OLD.cost_nano_usd, 0) THEN
        UPDATE ailedger_compat_chatbot_message_totals
        SET cost_nano_usd = cost_nano_usd + COALESCE(NEW.cost_nano_usd, 0) - COALESCE(OLD.cost_nano_usd, 0)
        WHERE interaction_id = NEW.interaction_id;
        UPDATE ailedger_compat_chatbot_conversation_totals
        SET cost_nano_usd = cost_nano_usd + COALESCE(NEW.cost_nano_usd, 0) - COALESCE(OLD.cost_nano_usd, 0)
        WHERE conversation_id = NEW.conversation_id;
    END IF;
END;

CREATE TRIGGER ailedger_compat_chatbot_call_removed AFTER DELETE ON ailedger_calls FOR EACH ROW
BEGIN
    UPDATE ailedger_compat_chatbot_message_totals
    SET calls = calls - 1, tokens = tokens - COALESCE(OLD.input_tokens, 0) - COALESCE(OLD.output_tokens, 0),
        cost_nano_usd = cost_nano_usd - COALESCE(OLD.cost_nano_usd, 0), duration_ms = duration_ms - COALESCE(OLD.latency_ms, 0)
    WHERE interaction_id = OLD.interaction_id;
    UPDATE ailedger_compat_chatbot_conversation_totals
    SET calls = calls - 1, tokens = tokens - COALESCE(OLD.input_tokens, 0) - COALESCE(OLD.output_tokens, 0),
        cost_nano_usd = cost_nano_usd - COALESCE(OLD.cost_nano_usd, 0), duration_ms = duration_ms - COALESCE(OLD.latency_ms, 0)
    WHERE conversation_id = OLD.conversation_id;
END;

CREATE OR REPLACE VIEW chatbot_conversation_messages AS
SELECT
    i.id AS id,
    COALESCE(i.external_id, i.id) AS message_id,
    COALESCE(v.external_id, v.id, '') AS conversation_id,
    COALESCE(i.input_text, '') AS user_input,
    COALESCE(i.output_text, '') AS final_output,
    JSON_UNQUOTE(JSON_EXTRACT(i.metadata, '$.conversation_message')) AS conversation_message,
    i.interaction_type AS intent,
    JSON_UNQUOTE(JSON_EXTRACT(i.metadata, '$.classification')) AS classification,
    COALESCE((SELECT q.database_name FROM ailedger_sql_queries q
              WHERE q.interaction_id = i.id AND q.database_name IS NOT NULL ORDER BY q.ordinal LIMIT 1),
             JSON_UNQUOTE(JSON_EXTRACT(i.metadata, '$.database_used'))) AS database_used,
    COALESCE((SELECT JSON_ARRAYAGG(q.statement) FROM ailedger_sql_queries q WHERE q.interaction_id = i.id),
             JSON_EXTRACT(i.metadata, '$.sql_queries')) AS sql_queries,
    COALESCE((SELECT CAST(SUM(q.result_count) AS SIGNED) FROM ailedger_sql_queries q WHERE q.interaction_id = i.id),
             CAST(JSON_UNQUOTE(JSON_EXTRACT(i.metadata, '$.sql_results_count')) AS SIGNED)) AS sql_results_count,
    COALESCE(m.calls, 0) AS total_llm_calls,
    CAST(COALESCE(m.tokens, 0) AS SIGNED) AS total_tokens_used,
    CAST(COALESCE(m.cost_nano_usd, 0) * 0.000000001 AS DECIMAL(20, 9)) AS total_cost,
    COALESCE(m.duration_ms, 0) AS total_duration_ms,
    i.status = 'success' AS success,
    i.error_message AS error_message,
    JSON_EXTRACT(i.metadata, '$.debug_info') AS debug_info,
    i.created_at AS timestamp
FROM ailedger_interactions i
LEFT JOIN ailedger_conversations v ON v.id = i.conversation_id
LEFT JOIN ailedger_compat_chatbot_message_totals m ON m.interaction_id = i.id;

CREATE OR REPLACE VIEW chatbot_conversation_summary AS
SELECT
    v.id AS id,
    COALESCE(v.external_id, v.id) AS conversation_id,
    t.first_message_at AS first_message_at,
    t.last_message_at AS last_message_at,
    t.messages AS total_messages,
    t.calls AS total_llm_calls,
    CAST(t.tokens AS SIGNED) AS total_tokens_used,
    CAST(t.cost_nano_usd * 0.000000001 AS DECIMAL(20, 9)) AS total_cost,
    t.duration_ms AS total_duration_ms,
    CAST(COALESCE(100 * t.successes / NULLIF(t.messages, 0), 100) AS DECIMAL(5, 2)) AS success_rate,
    l.input_text AS last_user_input,
    l.output_text AS last_agent_output,
    v.metadata AS metadata,
    t.last_message_at AS updated_at
FROM ailedger_compat_chatbot_conversation_totals t
JOIN ailedger_conversations v ON v.id = t.conversation_id
LEFT JOIN ailedger_interactions l ON l.id = t.last_interaction_id;
