-- 0013: the leaf-hash and record-hash look-up tables of 0010 and 0012 keyed by run first (issue #7). Each leaf-hash
-- batch (4,096 leaves) inserted its sorted prefixes all over one growing B-tree: on SQLite at 440,000 leaves a batch
-- dirtied ~1,700 pages of log_leaf_hashes and ~400 of log_record_hashes, and more as the log grows. Keyed
-- (run, prefix, idx), with run = idx >> 14 for leaf hashes (runs of 16,384 leaves) and idx >> 16 for record hashes
-- (runs of 65,536), a batch only touches the last run's pages. A look-up probes each run by (run, prefix): N / 16,384
-- probes for a leaf hash (GET /log/proofs/inclusion?hash=), N / 65,536 for a record (the Tradeproof-Log-Index
-- header). The tables keep their names and contents; every answer is unchanged.
CREATE TABLE log_leaf_hashes_0013 (
    run    BIGINT NOT NULL,
    prefix BYTEA  NOT NULL CHECK (length(prefix) = 8),
    idx    BIGINT NOT NULL,
    CONSTRAINT log_leaf_hashes_0013_pkey PRIMARY KEY (run, prefix, idx)
);
INSERT INTO log_leaf_hashes_0013 (run, prefix, idx) SELECT idx >> 14, prefix, idx FROM log_leaf_hashes ORDER BY 1, 2, 3;
DROP TABLE log_leaf_hashes;
ALTER TABLE log_leaf_hashes_0013 RENAME TO log_leaf_hashes;
ALTER INDEX log_leaf_hashes_0013_pkey RENAME TO log_leaf_hashes_pkey;
CREATE TABLE log_record_hashes_0013 (
    run    BIGINT NOT NULL,
    prefix BYTEA  NOT NULL CHECK (length(prefix) = 8),
    idx    BIGINT NOT NULL,
    CONSTRAINT log_record_hashes_0013_pkey PRIMARY KEY (run, prefix, idx)
);
INSERT INTO log_record_hashes_0013 (run, prefix, idx) SELECT idx >> 16, prefix, idx FROM log_record_hashes ORDER BY 1, 2, 3;
DROP TABLE log_record_hashes;
ALTER TABLE log_record_hashes_0013 RENAME TO log_record_hashes;
ALTER INDEX log_record_hashes_0013_pkey RENAME TO log_record_hashes_pkey;
