-- 0002: the transparency log (issue #8). One RFC 9162 Merkle tree per node; leaves hold hashes only.
-- log_state is the one lock row: appenders take it with SELECT ... FOR UPDATE first (the size and the compact range,
-- the hashes of the complete subtrees of the right edge), so leaf indexes stay contiguous across processes.
CREATE TABLE log_state (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    size BIGINT  NOT NULL CHECK (size >= 0),
    edge BYTEA   NOT NULL
);
INSERT INTO log_state (id, size, edge) VALUES (1, 0, ''::bytea);

CREATE TABLE log_leaves (
    idx          BIGINT  NOT NULL PRIMARY KEY CHECK (idx >= 0),
    kind         INTEGER NOT NULL,
    tenant_hash  BYTEA   NOT NULL CHECK (length(tenant_hash) = 32),
    record_hash  BYTEA   NOT NULL CHECK (length(record_hash) = 32),
    content_hash BYTEA   NOT NULL CHECK (length(content_hash) = 32),
    logged_at    BIGINT  NOT NULL,
    leaf_hash    BYTEA   NOT NULL CHECK (length(leaf_hash) = 32)
);
CREATE INDEX log_leaves_by_record ON log_leaves (record_hash);
CREATE INDEX log_leaves_by_leaf_hash ON log_leaves (leaf_hash);

-- Every complete subtree of level >= 1 (level 0 is log_leaves.leaf_hash), written when its last leaf is appended:
-- about one row per leaf, and any proof is a few primary-key reads.
CREATE TABLE log_nodes (
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 62),
    idx   BIGINT  NOT NULL CHECK (idx >= 0),
    hash  BYTEA   NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
);

-- Our signed checkpoints (C2SP tlog-checkpoint notes) and the witnesses' cosignatures of them.
CREATE TABLE log_checkpoints (
    size       BIGINT NOT NULL PRIMARY KEY CHECK (size >= 0),
    root_hash  BYTEA  NOT NULL CHECK (length(root_hash) = 32),
    note       TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE log_cosignatures (
    checkpoint_size BIGINT NOT NULL REFERENCES log_checkpoints (size),
    witness         TEXT   NOT NULL,
    signature_line  TEXT   NOT NULL,
    received_at     BIGINT NOT NULL,
    PRIMARY KEY (checkpoint_size, witness)
);

-- The latest checkpoint we witnessed of each partner log (by origin).
CREATE TABLE log_partner_checkpoints (
    origin     TEXT   NOT NULL PRIMARY KEY,
    size       BIGINT NOT NULL CHECK (size >= 0),
    root_hash  BYTEA  NOT NULL CHECK (length(root_hash) = 32),
    note       TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);
