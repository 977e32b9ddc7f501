-- API keys for `ailedger serve`: only a SHA-256 hash of each key is stored.
CREATE TABLE ailedger_api_keys (
    id         uuid PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    role       text NOT NULL CHECK (role IN ('ingest', 'read', 'admin')),
    key_hash   text NOT NULL UNIQUE CHECK (length(key_hash) = 64),
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);
