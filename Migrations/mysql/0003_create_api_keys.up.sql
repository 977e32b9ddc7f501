-- API keys for `ailedger serve`: only a SHA-256 hash of each key is stored.
CREATE TABLE ailedger_api_keys (
    id         CHAR(36) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    name       VARCHAR(255) NOT NULL,
    role       VARCHAR(16) NOT NULL CHECK (role IN ('ingest', 'read', 'admin')),
    key_hash   CHAR(64) CHARACTER SET ascii NOT NULL,
    created_at DATETIME(6) NOT NULL,
    revoked_at DATETIME(6) NULL,
    UNIQUE KEY ailedger_api_keys_name (name),
    UNIQUE KEY ailedger_api_keys_hash (key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
