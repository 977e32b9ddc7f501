-- AILedger canonical schema for PostgreSQL: uuid ids (UUIDv7, made by the client),
-- timestamptz, jsonb, inet, money as bigint nano-dollars.

CREATE TABLE ailedger_models (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    version     text NOT NULL DEFAULT '',
    provider    text NOT NULL DEFAULT '',
    metadata    jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    UNIQUE (provider, name, version)
);

CREATE TABLE ailedger_conversations (
    id          uuid PRIMARY KEY,
    external_id text,
    created_at  timestamptz NOT NULL,
    user_id     text,
    contact_id  text,
    device_id   text,
    persona_id  text,
    channel     text,
    title       text,
    metadata    jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX ailedger_conversations_created_at ON ailedger_conversations (created_at);
CREATE INDEX ailedger_conversations_user ON ailedger_conversations (user_id, created_at);
CREATE INDEX ailedger_conversations_external ON ailedger_conversations (external_id);

CREATE TABLE ailedger_interactions (
    id                uuid PRIMARY KEY,
    conversation_id   uuid REFERENCES ailedger_conversations (id) ON DELETE CASCADE,
    external_id       text,
    created_at        timestamptz NOT NULL,
    interaction_type  text,
    status            text NOT NULL CHECK (status IN ('success', 'error', 'partial')),
    session_id        text,
    user_id           text,
    contact_id        text,
    device_id         text,
    persona_id        text,
    ip_address        inet,
    prompt_id         text,
    prompt_version    text,
    prompt_hash       text,
    latency_ms        double precision CHECK (latency_ms >= 0),
    input_text        text,
    output_text       text,
    request           jsonb,
    response          jsonb,
    structured_output jsonb,
    input_variables   jsonb,
    missing_variables jsonb,
    error_code        text,
    error_message     text,
    error_details     jsonb,
    feedback          text CHECK (feedback IN ('accepted', 'rejected', 'modified')),
    feedback_comment  text,
    quality_score     integer CHECK (quality_score BETWEEN 0 AND 100),
    edit_distance     integer CHECK (edit_distance >= 0),
    feedback_at       timestamptz,
    metadata          jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX ailedger_interactions_created_at ON ailedger_interactions (created_at);
CREATE INDEX ailedger_interactions_user ON ailedger_interactions (user_id, created_at);
CREATE INDEX ailedger_interactions_conversation ON ailedger_interactions (conversation_id, created_at);
CREATE INDEX ailedger_interactions_status ON ailedger_interactions (status, created_at);
CREATE INDEX ailedger_interactions_type_status ON ailedger_interactions (interaction_type, status);

CREATE TABLE ailedger_calls (
    id                 uuid PRIMARY KEY,
    interaction_id     uuid REFERENCES ailedger_interactions (id) ON DELETE CASCADE,
    conversation_id    uuid REFERENCES ailedger_conversations (id) ON DELETE CASCADE,
    external_id        text,
    created_at         timestamptz NOT NULL,
    model              text NOT NULL,
    model_version      text,
    provider           text,
    call_type          text,
    status             text NOT NULL CHECK (status IN ('success', 'error', 'partial')),
    user_id            text,
    input_tokens       bigint CHECK (input_tokens >= 0),
    output_tokens      bigint CHECK (output_tokens >= 0),
    cache_read_tokens  bigint CHECK (cache_read_tokens >= 0),
    cache_write_tokens bigint CHECK (cache_write_tokens >= 0),
    reasoning_tokens   bigint CHECK (reasoning_tokens >= 0),
    cost_nano_usd      bigint CHECK (cost_nano_usd >= 0),
    cost_source        text CHECK (cost_source IN ('provided', 'computed', 'unpriced')),
    latency_ms         double precision CHECK (latency_ms >= 0),
    input_text         text,
    output_text        text,
    request            jsonb,
    response           jsonb,
    error_code         text,
    error_message      text,
    metadata           jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX ailedger_calls_created_at ON ailedger_calls (created_at);
CREATE INDEX ailedger_calls_model ON ailedger_calls (model, created_at);
CREATE INDEX ailedger_calls_user ON ailedger_calls (user_id, created_at);
CREATE INDEX ailedger_calls_status ON ailedger_calls (status, created_at);
CREATE INDEX ailedger_calls_interaction ON ailedger_calls (interaction_id);
CREATE INDEX ailedger_calls_conversation ON ailedger_calls (conversation_id, created_at);
