-- API keys for `ailedger serve`: only a SHA-256 hash of each key is stored.
CREATE TABLE ailedger_api_keys (
    id         TEXT NOT NULL PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('ingest', 'read', 'admin')),
    key_hash   TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
    created_at TEXT NOT NULL,
    revoked_at TEXT
) STRICT;
