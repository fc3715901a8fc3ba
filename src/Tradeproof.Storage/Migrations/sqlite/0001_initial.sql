-- Tradeproof store, schema 1 (SQLite). Times are Unix milliseconds (UTC). Every table is keyed by tenant first.
CREATE TABLE tenants (
    id                  TEXT    NOT NULL PRIMARY KEY,
    display_name        TEXT    NOT NULL,
    public_verification INTEGER NOT NULL DEFAULT 0 CHECK (public_verification IN (0, 1)),
    created_at          INTEGER NOT NULL
);

CREATE TABLE credentials (
    tenant_id           TEXT    NOT NULL REFERENCES tenants (id),
    id                  TEXT    NOT NULL,
    direction           TEXT    NOT NULL CHECK (direction IN ('issued', 'received')),
    media_type          TEXT    NOT NULL,
    content             BLOB    NOT NULL,
    content_sha256      BLOB    NOT NULL CHECK (length(content_sha256) = 32),
    issuer_id           TEXT,
    verification_result TEXT,
    stored_at           INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
); -- a rowid table: WITHOUT ROWID suits small rows, credentials are kilobytes
CREATE INDEX credentials_by_direction ON credentials (tenant_id, direction, id);

CREATE TABLE presentations (
    sequence            INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id           TEXT    NOT NULL REFERENCES tenants (id),
    id                  TEXT    NOT NULL,
    content             BLOB    NOT NULL,
    holder_id           TEXT,
    verification_result TEXT,
    replaces_id         TEXT,
    received_at         INTEGER NOT NULL,
    UNIQUE (tenant_id, id)
);
CREATE INDEX presentations_by_replaced ON presentations (tenant_id, replaces_id) WHERE replaces_id IS NOT NULL;

-- Dense versions by constraint: version n > 1 must point at version n - 1 of the same stream (a foreign key),
-- and (tenant, stream, version) is the primary key: no gaps, no duplicates, whatever the writer does.
CREATE TABLE twin_events (
    tenant_id        TEXT    NOT NULL REFERENCES tenants (id),
    stream_id        TEXT    NOT NULL,
    version          INTEGER NOT NULL CHECK (version >= 1),
    previous_version INTEGER CHECK ((version = 1 AND previous_version IS NULL) OR (version > 1 AND previous_version IS NOT NULL AND previous_version = version - 1)),
    event_id         TEXT    NOT NULL,
    event_type       TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    subject_ids      TEXT    NOT NULL,
    recorded_at      INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, stream_id, version),
    FOREIGN KEY (tenant_id, stream_id, previous_version) REFERENCES twin_events (tenant_id, stream_id, version)
) WITHOUT ROWID;

CREATE TABLE twin_subjects (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    subject_id TEXT NOT NULL,
    stream_id  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject_id, stream_id)
) WITHOUT ROWID;

CREATE TABLE status_lists (
    tenant_id       TEXT    NOT NULL REFERENCES tenants (id),
    id              TEXT    NOT NULL,
    purpose         TEXT    NOT NULL,
    entries         INTEGER NOT NULL CHECK (entries > 0),
    status_size     INTEGER NOT NULL CHECK (status_size BETWEEN 1 AND 16),
    bitstring       BLOB    NOT NULL,
    next_index      INTEGER NOT NULL DEFAULT 0 CHECK (next_index >= 0 AND next_index <= entries),
    allocated_count INTEGER NOT NULL DEFAULT 0 CHECK (allocated_count >= 0 AND allocated_count <= entries),
    PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;

-- A taken index is a row: the primary key makes reuse impossible.
CREATE TABLE status_list_indexes (
    tenant_id     TEXT    NOT NULL,
    list_id       TEXT    NOT NULL,
    entry_index   INTEGER NOT NULL CHECK (entry_index >= 0),
    credential_id TEXT    NOT NULL,
    allocated_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, list_id, entry_index),
    FOREIGN KEY (tenant_id, list_id) REFERENCES status_lists (tenant_id, id)
) WITHOUT ROWID;

CREATE TABLE keys (
    tenant_id  TEXT    NOT NULL REFERENCES tenants (id),
    id         TEXT    NOT NULL,
    algorithm  TEXT    NOT NULL,
    public_key BLOB    NOT NULL,
    secret_key BLOB    NOT NULL, -- AES-256-GCM under the operator key: 0x01 | nonce | tag | ciphertext
    controller TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;

CREATE TABLE oauth_clients (
    client_id   TEXT    NOT NULL PRIMARY KEY,
    tenant_id   TEXT    NOT NULL REFERENCES tenants (id),
    secret_hash BLOB    NOT NULL,
    scopes      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX oauth_clients_by_tenant ON oauth_clients (tenant_id, client_id);

CREATE TABLE idempotency_keys (
    tenant_id     TEXT    NOT NULL REFERENCES tenants (id),
    key           TEXT    NOT NULL,
    request_hash  BLOB    NOT NULL,
    status_code   INTEGER,
    content_type  TEXT,
    response_body BLOB,
    created_at    INTEGER NOT NULL,
    completed_at  INTEGER,
    PRIMARY KEY (tenant_id, key)
) WITHOUT ROWID;

CREATE TABLE challenges (
    tenant_id   TEXT    NOT NULL REFERENCES tenants (id),
    challenge   TEXT    NOT NULL,
    domain      TEXT,
    issued_at   INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    consumed_at INTEGER,
    PRIMARY KEY (tenant_id, challenge)
) WITHOUT ROWID;
