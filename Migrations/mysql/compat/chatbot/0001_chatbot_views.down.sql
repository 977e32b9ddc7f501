DROP VIEW IF EXISTS chatbot_conversation_summary;
DROP VIEW IF EXISTS chatbot_conversation_messages;
DROP VIEW IF EXISTS chatbot_llm_calls;
