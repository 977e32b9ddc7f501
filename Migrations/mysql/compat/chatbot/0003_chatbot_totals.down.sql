-- Back to the views that sum the calls per row.
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
    (SELECT COUNT(*) FROM ailedger_calls c WHERE c.interaction_id = i.id) AS total_llm_calls,
    (SELECT CAST(COALESCE(SUM(COALESCE(c.input_tokens, 0) + COALESCE(c.output_tokens, 0)), 0) AS SIGNED)
        FROM ailedger_calls c WHERE c.interaction_id = i.id) AS total_tokens_used,
    (SELECT CAST(COALESCE(SUM(c.cost_nano_usd), 0) * 0.000000001 AS DECIMAL(20, 9))
        FROM ailedger_calls c WHERE c.interaction_id = i.id) AS total_cost,
    (SELECT COALESCE(SUM(c.latency_ms), 0) FROM ailedger_calls c WHERE c.interaction_id = i.id) AS total_duration_ms,
    i.status = 'success' AS success,
    i.error_message AS error_message,
    JSON_EXTRACT(i.metadata, '$.debug_info') AS debug_info,
    i.created_at AS timestamp
FROM ailedger_interactions i
LEFT JOIN ailedger_conversations v ON v.id = i.conversation_id;

CREATE OR REPLACE VIEW chatbot_conversation_summary AS
SELECT
    v.id AS id,
    COALESCE(v.external_id, v.id) AS conversation_id,
    (SELECT MIN(i.created_at) FROM ailedger_interactions i WHERE i.conversation_id = v.id) AS first_message_at,
    (SELECT MAX(i.created_at) FROM ailedger_interactions i WHERE i.conversation_id = v.id) AS last_message_at,
    (SELECT COUNT(*) FROM ailedger_interactions i WHERE i.conversation_id = v.id) AS total_messages,
    (SELECT COUNT(*) FROM ailedger_calls c WHERE c.conversation_id = v.id) AS total_llm_calls,
    (SELECT CAST(COALESCE(SUM(COALESCE(c.input_tokens, 0) + COALESCE(c.output_tokens, 0)), 0) AS SIGNED)
        FROM ailedger_calls c WHERE c.conversation_id = v.id) AS total_tokens_used,
    (SELECT CAST(COALESCE(SUM(c.cost_nano_usd), 0) * 0.000000001 AS DECIMAL(20, 9))
        FROM ailedger_calls c WHERE c.conversation_id = v.id) AS total_cost,
    (SELECT COALESCE(SUM(c.latency_ms), 0) FROM ailedger_calls c WHERE c.conversation_id = v.id) AS total_duration_ms,
    (SELECT CAST(COALESCE(100 * SUM(i.status = 'success') / COUNT(*), 100) AS DECIMAL(5, 2))
        FROM ailedger_interactions i WHERE i.conversation_id = v.id) AS success_rate,
    (SELECT i.input_text FROM ailedger_interactions i WHERE i.conversation_id = v.id
        ORDER BY i.created_at DESC, i.id DESC LIMIT 1) AS last_user_input,
    (SELECT i.output_text FROM ailedger_interactions i WHERE i.conversation_id = v.id
        ORDER BY i.created_at DESC, i.id DESC LIMIT 1) AS last_agent_output,
    v.metadata AS metadata,
    (SELECT MAX(i.created_at) FROM ailedger_interactions i WHERE i.conversation_id = v.id) AS updated_at
FROM ailedger_conversations v;

DROP TRIGGER IF EXISTS ailedger_compat_chatbot_call_removed;
DROP TRIGGER IF EXISTS ailedger_compat_chatbot_call_repriced;
DROP TRIGGER IF EXISTS ailedger_compat_chatbot_call_added;
DROP TRIGGER IF EXISTS ailedger_compat_chatbot_message_removed;
DROP TRIGGER IF EXISTS ailedger_compat_chatbot_message_added;
DROP TRIGGER IF EXISTS ailedger_compat_chatbot_conversation_removed;
DROP TRIGGER IF EXISTS ailedger_compat_chatbot_conversation_added;
DROP TABLE IF EXISTS ailedger_compat_chatbot_conversation_totals;
DROP TABLE IF EXISTS ailedger_compat_chatbot_message_totals;
