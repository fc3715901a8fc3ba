-- 0006: fewer random index pages per log leaf (issue #7). Twin-event leaves (kind 3, 20 of a fresh submission's 26)
-- leave the record-hash index: a twin event's leaf is found through its twin_events row, whose recorded_at is the
-- leaf's logged_at (one clock read since this migration), and log_leaves_by_time, an index on logged_at that grows at
-- its right edge. log_twin_event_leaves keeps the twin-event leaves that cannot be found that way: every one logged
-- before this migration (their rows' times were read apart from their leaves') and any appended through the log's own
-- AppendAsync (no twin_events row). The leaf format, the tree and the audit are unchanged.
DROP INDEX log_leaves_by_record;
CREATE INDEX log_leaves_by_record ON log_leaves (record_hash) WHERE kind <> 3;
CREATE INDEX log_leaves_by_time ON log_leaves (logged_at);

CREATE TABLE log_twin_event_leaves (
    record_hash BYTEA  NOT NULL CHECK (length(record_hash) = 32),
    idx         BIGINT NOT NULL,
    PRIMARY KEY (record_hash, idx)
);
INSERT INTO log_twin_event_leaves (record_hash, idx) SELECT record_hash, idx FROM log_leaves WHERE kind = 3;
