-- 0012: the record look-up (FindLeavesAsync: the Tradeproof-Log-Index header, a record's leaves) indexed in two parts
-- instead of one index on the leaves' record hashes (issue #7). log_leaves_by_record took one random page per key: the
-- 6 presentation and credential leaves of a fresh submission dirtied ~7 of its ~46 pages at 100,000 leaves, the
-- largest index left. log_record_hashes holds the first 8 bytes of the record hash of every presentation and credential
-- leaf below log_state.indexed_size (the mark of 0010's leaf-hash batches), log_record_hashes_recent those at or above
-- it: a small B-tree whose few pages every group commit writes anyway. When an appender indexes a leaf-hash batch it
-- moves the recent entries into log_record_hashes in one sorted INSERT. A look-up probes both (no scan). The leaf
-- format, the tree, the audit and every answer are unchanged.
DROP INDEX log_leaves_by_record;
CREATE TABLE log_record_hashes (
    prefix BLOB    NOT NULL CHECK (length(prefix) = 8),
    idx    INTEGER NOT NULL,
    PRIMARY KEY (prefix, idx)
) WITHOUT ROWID;
CREATE TABLE log_record_hashes_recent (
    prefix BLOB    NOT NULL CHECK (length(prefix) = 8),
    idx    INTEGER NOT NULL,
    PRIMARY KEY (prefix, idx)
) WITHOUT ROWID;
INSERT INTO log_record_hashes (prefix, idx) SELECT substr(record_hash, 1, 8), idx FROM log_leaves
    WHERE kind <> 3 AND idx < COALESCE((SELECT indexed_size FROM log_state WHERE id = 1), 0) ORDER BY 1, 2;
INSERT INTO log_record_hashes_recent (prefix, idx) SELECT substr(record_hash, 1, 8), idx FROM log_leaves
    WHERE kind <> 3 AND idx >= COALESCE((SELECT indexed_size FROM log_state WHERE id = 1), 0) ORDER BY 1, 2;
