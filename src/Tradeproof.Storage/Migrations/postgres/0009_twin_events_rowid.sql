-- 0009: nothing to change on PostgreSQL. SQLite's 0009 turns twin_events from a WITHOUT ROWID table (rows kept in the
-- primary key's B-tree, where a ~1 KB event spilled onto an overflow page of its own) into a rowid table; PostgreSQL's
-- twin_events was always a heap table with its primary key as a separate index. Kept so both stores count the same
-- schema versions.
SELECT 1;
