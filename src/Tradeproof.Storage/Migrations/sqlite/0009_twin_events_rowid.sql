-- 0009: twin_events as a rowid table (issue #7). As a WITHOUT ROWID table its rows lived in the primary key's B-tree,
-- whose cells keep at most ~1,000 bytes of a 4 KiB page: a typical event row (~1,050 bytes: a 920-byte payload) spilled
-- its tail onto an overflow page of its own, one new 4 KiB page per event, written to the WAL and again by the
-- checkpoint (half the database's pages were twin-event overflow pages). In a rowid table the rows are packed into the
-- table's pages in insertion order (about four per page) and the primary key (tenant, stream, version) is a separate
-- index of small entries. Columns, constraints (dense versions: the previous-version foreign key) and every query are
-- unchanged. The rows are copied in key order, so each row's previous version is there before it.
ALTER TABLE twin_events RENAME TO twin_events_0008;
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
);
INSERT INTO twin_events (tenant_id, stream_id, version, previous_version, event_id, event_type, payload, subject_ids, recorded_at)
SELECT tenant_id, stream_id, version, previous_version, event_id, event_type, payload, subject_ids, recorded_at
FROM twin_events_0008 ORDER BY tenant_id, stream_id, version;
-- With foreign keys on, DROP TABLE first deletes every row, and each deleted row is looked up as a parent among the
-- rows' previous versions: without this index that is a scan of the table per row.
CREATE INDEX twin_events_0008_children ON twin_events_0008 (tenant_id, stream_id, previous_version);
DROP TABLE twin_events_0008;
