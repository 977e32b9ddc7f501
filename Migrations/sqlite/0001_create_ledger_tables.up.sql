-- AILedger canonical schema for SQLite.
-- Ids are lowercase UUID text; times are fixed-width ISO-8601 UTC text with microseconds
-- (text order is time order); JSON is text checked by json_valid; money is integer
-- nano-dollars, never REAL. STRICT tables reject values of the wrong type.

CREATE TABLE ailedger_models (
    id          TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    version     TEXT NOT NULL DEFAULT '',
    provider    TEXT NOT NULL DEFAULT '',
    metadata    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
    created_at  TEXT NOT NULL,
    UNIQUE (provider, name, version)
) STRICT;

CREATE TABLE ailedger_conversations (
    id          TEXT NOT NULL PRIMARY KEY,
    external_id TEXT,
    created_at  TEXT NOT NULL,
    user_id     TEXT,
    contact_id  TEXT,
    device_id   TEXT,
    persona_id  TEXT,
    channel     TEXT,
    title       TEXT,
    metadata    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata))
) STRICT;

CREATE INDEX ailedger_conversations_created_at ON ailedger_conversations (created_at);
CREATE INDEX ailedger_conversations_user ON ailedger_conversations (user_id, created_at);
CREATE INDEX ailedger_conversations_external ON ailedger_conversations (external_id);

CREATE TABLE ailedger_interactions (
    id                TEXT NOT NULL PRIMARY KEY,
    conversation_id   TEXT REFERENCES ailedger_conversations (id) ON DELETE CASCADE,
    external_id       TEXT,
    created_at        TEXT NOT NULL,
    interaction_type  TEXT,
    status            TEXT NOT NULL CHECK (status IN ('success', 'error', 'partial')),
    session_id        TEXT,
    user_id           TEXT,
    contact_id        TEXT,
    device_id         TEXT,
    persona_id        TEXT,
    ip_address        TEXT,
    prompt_id         TEXT,
    prompt_version    TEXT,
    prompt_hash       TEXT,
    latency_ms        REAL CHECK (latency_ms >= 0),
    input_text        TEXT,
    output_text       TEXT,
    request           TEXT CHECK (request IS NULL OR json_valid(request)),
    response          TEXT CHECK (response IS NULL OR json_valid(response)),
    structured_output TEXT CHECK (structured_output IS NULL OR json_valid(structured_output)),
    input_variables   TEXT CHECK (input_variables IS NULL OR json_valid(input_variables)),
    missing_variables TEXT CHECK (missing_variables IS NULL OR json_valid(missing_variables)),
    error_code        TEXT,
    error_message     TEXT,
    error_details     TEXT CHECK (error_details IS NULL OR json_valid(error_details)),
    feedback          TEXT CHECK (feedback IN ('accepted', 'rejected', 'modified')),
    feedback_comment  TEXT,
    quality_score     INTEGER CHECK (quality_score BETWEEN 0 AND 100),
    edit_distance     INTEGER CHECK (edit_distance >= 0),
    feedback_at       TEXT,
    metadata          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata))
) STRICT;

CREATE INDEX ailedger_interactions_created_at ON ailedger_interactions (created_at);
CREATE INDEX ailedger_interactions_user ON ailedger_interactions (user_id, created_at);
CREATE INDEX ailedger_interactions_conversation ON ailedger_interactions (conversation_id, created_at);
CREATE INDEX ailedger_interactions_status ON ailedger_interactions (status, created_at);
CREATE INDEX ailedger_interactions_type_status ON ailedger_interactions (interaction_type, status);

CREATE TABLE ailedger_calls (
    id                 TEXT NOT NULL PRIMARY KEY,
    interaction_id     TEXT REFERENCES ailedger_interactions (id) ON DELETE CASCADE,
    conversation_id    TEXT REFERENCES ailedger_conversations (id) ON DELETE CASCADE,
    external_id        TEXT,
    created_at         TEXT NOT NULL,
    model              TEXT NOT NULL,
    model_version      TEXT,
    provider           TEXT,
    call_type          TEXT,
    status             TEXT NOT NULL CHECK (status IN ('success', 'error', 'partial')),
    user_id            TEXT,
    input_tokens       INTEGER CHECK (input_tokens >= 0),
    output_tokens      INTEGER CHECK (output_tokens >= 0),
    cache_read_tokens  INTEGER CHECK (cache_read_tokens >= 0),
    cache_write_tokens INTEGER CHECK (cache_write_tokens >= 0),
    reasoning_tokens   INTEGER CHECK (reasoning_tokens >= 0),
    cost_nano_usd      INTEGER CHECK (cost_nano_usd >= 0),
    cost_source        TEXT CHECK (cost_source IN ('provided', 'computed', 'unpriced')),
    latency_ms         REAL CHECK (latency_ms >= 0),
    input_text         TEXT,
    output_text        TEXT,
    request            TEXT CHECK (request IS NULL OR json_valid(request)),
    response           TEXT CHECK (response IS NULL OR json_valid(response)),
    error_code         TEXT,
    error_message      TEXT,
    metadata           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata))
) STRICT;

CREATE INDEX ailedger_calls_created_at ON ailedger_calls (created_at);
CREATE INDEX ailedger_calls_model ON ailedger_calls (model, created_at);
CREATE INDEX ailedger_calls_user ON ailedger_calls (user_id, created_at);
CREATE INDEX ailedger_calls_status ON ailedger_calls (status, created_at);
CREATE INDEX ailedger_calls_interaction ON ailedger_calls (interaction_id);
CREATE INDEX ailedger_calls_conversation ON ailedger_calls (conversation_id, created_at);
