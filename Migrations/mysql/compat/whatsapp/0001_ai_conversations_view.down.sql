DROP VIEW IF EXISTS ai_conversations;
