-- Seed 004's SQL fields from the statements stored in ailedger_sql_queries (read through
-- the primary key, so in the order they ran), or else from the interaction's metadata.
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
