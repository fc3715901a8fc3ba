using System.Data.Common;
using System.Globalization;
using System.Text;
using Tradeproof.Transparency;

namespace Tradeproof.Storage.Sql;

/// <summary>
/// The transparency log over SQL. Appends lock the <c>log_state</c> row (PostgreSQL: <c>SELECT ... FOR UPDATE</c>;
/// SQLite: its single writer), extend the compact range kept there, and insert the leaves and every subtree they
/// complete. Proofs are planned first (<see cref="MerkleMath"/>) and read in one query.
/// </summary>
internal sealed class SqlTransparencyLog(SqlScope scope, StoreContext context) : ITransparencyLogStore
{
    private const string LeafColumns = "idx, kind, tenant_hash, record_hash, content_hash, logged_at, leaf_hash";

    public ValueTask<LogTreeHead> GetTreeHeadAsync(CancellationToken cancellationToken = default) =>
        scope.ReadAsync(async (c, t, ct) =>
        {
            var range = await ReadStateAsync(c, t, string.Empty, ct).ConfigureAwait(false);
            return new LogTreeHead(range.Size, range.Root());
        }, cancellationToken);

    public ValueTask<byte[]> GetRootAsync(long size, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return scope.ReadAsync(async (c, t, ct) =>
        {
            var current = await ReadStateAsync(c, t, string.Empty, ct).ConfigureAwait(false);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(size, current.Size);
            if (size == current.Size)
            {
                return current.Root();
            }

            if (size == 0)
            {
                return MerkleHash.EmptyRoot();
            }

            var nodes = MerkleMath.Decompose(0, size);
            var hashes = await ReadNodesAsync(c, t, nodes, ct).ConfigureAwait(false);
            return MerkleHash.FoldRight([.. nodes.Select(n => hashes[n])]);
        }, cancellationToken);
    }

    public ValueTask<IReadOnlyList<long>> AppendAsync(IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0 || entries.Any(e => e is null))
        {
            throw new ArgumentException("Append at least one entry.", nameof(entries));
        }

        return scope.WriteAsync(async (c, t, ct) =>
        {
            var indexes = await AppendCoreAsync(c, t, scope.Dialect, entries, ct).ConfigureAwait(false);

            // A twin-event leaf appended here has no twin_events row to be found through (FindLeavesAsync): it is
            // linked to its record hash in log_twin_event_leaves. The twin store's own leaves do not come this way.
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i].Kind == LogEntryKind.TwinEvent)
                {
                    await c.Command(t, "INSERT INTO log_twin_event_leaves (record_hash, idx) VALUES (@record, @idx)")
                        .With("record", entries[i].RecordHash).With("idx", indexes[i]).ExecuteAsync(ct).ConfigureAwait(false);
                }
            }

            return indexes;
        }, cancellationToken);
    }

    public ValueTask<byte[][]> GetInclusionProofAsync(long index, long size, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        return ProofAsync(size, () => MerkleMath.PlanInclusion(index, size), cancellationToken);
    }

    public ValueTask<byte[][]> GetConsistencyProofAsync(long first, long second, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, second);
        return ProofAsync(second, () => MerkleMath.PlanConsistency(first, second), cancellationToken);
    }

    private ValueTask<byte[][]> ProofAsync(long size, Func<ProofPlan> plan, CancellationToken cancellationToken) =>
        scope.ReadAsync(async (c, t, ct) =>
        {
            var current = await SizeAsync(c, t, ct).ConfigureAwait(false);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(size, current);
            var proof = plan();
            var hashes = await ReadNodesAsync(c, t, proof.Nodes, ct).ConfigureAwait(false);
            return proof.Assemble(n => hashes[n]);
        }, cancellationToken);

    public async ValueTask<IReadOnlyList<LogLeafRecord>> GetLeavesAsync(long start, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await scope.ReadAsync((c, t, ct) => c.Command(t, $"SELECT {LeafColumns} FROM log_leaves WHERE idx >= @start ORDER BY idx LIMIT @limit")
            .With("start", start).With("limit", (long)limit).ListAsync(ReadLeaf, ct), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<(long Index, byte[] Hash)>> GetNodesAsync(int level, long start, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await scope.ReadAsync((c, t, ct) => c.Command(t, "SELECT idx, hash FROM log_nodes WHERE level = @level AND idx >= @start ORDER BY idx LIMIT @limit")
            .With("level", level).With("start", start).With("limit", (long)limit).ListAsync(r => (r.GetInt64(0), r.GetBytes(1)), ct), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<long>> FindLeavesAsync(LogEntryKind kind, string tenantId, string recordId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        ArgumentException.ThrowIfNullOrEmpty(recordId);
        var twinEvent = kind == LogEntryKind.TwinEvent ? ParseTwinEventRecordId(recordId) : null;
        var sql = kind != LogEntryKind.TwinEvent ? RecordLeavesSql
            : twinEvent is null ? UnlinkedTwinEventLeavesSql + " ORDER BY 1"
            : LinkedTwinEventLeavesSql + " UNION " + UnlinkedTwinEventLeavesSql + " ORDER BY 1";
        return await scope.ReadAsync((c, t, ct) =>
        {
            var command = c.Command(t, sql).With("record", LogEntry.HashId(recordId)).With("tenant", LogEntry.HashId(tenantId)).With("kind", (int)kind);
            if (twinEvent is { } e)
            {
                _ = command.With("tenant_id", tenantId).With("stream", e.Stream).With("version", e.Version);
            }

            return command.ListAsync(r => r.GetInt64(0), ct);
        }, cancellationToken).ConfigureAwait(false);
    }

    // A presentation's or credential's leaves (twin events are not in these tables): the first 8 bytes of the record
    // hash in log_record_hashes (leaves below log_state.indexed_size, probed run by run: migration 0013) or
    // log_record_hashes_recent (at or above it; migration 0012), the leaf row then checked whole. Each leaf is in exactly
    // one of the two, and one statement reads both from one snapshot, so a batch moved meanwhile loses or repeats nothing.
    private const string RecordLeavesSql = $"WITH RECURSIVE {RecordHashRunsCte} " +
        "SELECT l.idx FROM runs JOIN log_record_hashes h ON h.run = runs.r AND h.prefix = substr(@record, 1, 8) JOIN log_leaves l ON l.idx = h.idx " +
        "WHERE l.record_hash = @record AND l.tenant_hash = @tenant AND l.kind = @kind " +
        "UNION ALL SELECT l.idx FROM log_record_hashes_recent h JOIN log_leaves l ON l.idx = h.idx WHERE h.prefix = substr(@record, 1, 8) AND l.record_hash = @record AND l.tenant_hash = @tenant AND l.kind = @kind ORDER BY 1";

    /// <summary>
    /// log_leaf_hashes is keyed (run, prefix, idx) with run = idx &gt;&gt; this (migration 0013; SQL text, as the statements
    /// are constants): a batch inserts into the last run only, so its pages do not grow with the log; a look-up probes
    /// each of the N / 16,384 runs.
    /// </summary>
    internal const string LeafHashRunShift = "14";

    /// <summary>log_record_hashes' run (migration 0013): runs of 65,536 leaves, as the look-up answers every submission.</summary>
    internal const string RecordHashRunShift = "16";

    // The run numbers below indexed_size (a recursive CTE, the same in SQLite and PostgreSQL: neither skips through a
    // leading key column on its own). At indexed_size 0 the bound is -1 and only run 0 is probed, which is empty.
    private const string LeafHashRunsCte = $"runs(r) AS (SELECT 0 UNION ALL SELECT r + 1 FROM runs WHERE r < (SELECT (indexed_size - 1) >> {LeafHashRunShift} FROM log_state WHERE id = 1))";
    private const string RecordHashRunsCte = $"runs(r) AS (SELECT 0 UNION ALL SELECT r + 1 FROM runs WHERE r < (SELECT (indexed_size - 1) >> {RecordHashRunShift} FROM log_state WHERE id = 1))";

    // A twin event's leaf through its twin_events row, whose recorded_at is the leaf's logged_at (the twin store and
    // the bulk ingest read the clock once for both): the row by its primary key, then the leaves of that millisecond.
    private const string LinkedTwinEventLeavesSql = "SELECT l.idx FROM twin_events e JOIN log_leaves l ON l.logged_at = e.recorded_at " +
        "WHERE e.tenant_id = @tenant_id AND e.stream_id = @stream AND e.version = @version AND l.record_hash = @record AND l.tenant_hash = @tenant AND l.kind = @kind";

    // Twin-event leaves not linked to a twin_events row: logged before migration 0006, or appended through AppendAsync.
    private const string UnlinkedTwinEventLeavesSql = "SELECT l.idx FROM log_twin_event_leaves u JOIN log_leaves l ON l.idx = u.idx " +
        "WHERE u.record_hash = @record AND l.tenant_hash = @tenant AND l.kind = @kind";

    /// <summary>The stream and version of a twin event's record id ("version:stream", <see cref="LogEntry.TwinEventRecordId"/>), or null.</summary>
    private static (string Stream, long Version)? ParseTwinEventRecordId(string recordId)
    {
        var colon = recordId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(recordId.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1
            ? (recordId[(colon + 1)..], version)
            : null;
    }

    public async ValueTask<long?> FindLeafByHashAsync(byte[] leafHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        if (leafHash.Length < 8)
        {
            return null;
        }

        // log_leaf_hashes holds the first 8 bytes of every leaf's hash below log_state.indexed_size (migration 0010), by
        // run (0013): a match there is the first leaf with that hash (every later one is above it); otherwise the
        // unindexed tail of at most LeafHashBatch leaves is scanned. COALESCE evaluates its second argument only when the first is NULL.
        var value = await scope.ReadAsync((c, t, ct) => c.Command(t, FindLeafByHashSql)
            .With("prefix", leafHash[..8]).With("hash", leafHash).ScalarAsync(ct), cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : SqlCommands.ToInt64(value);
    }

    private const string FindLeafByHashSql = $"WITH RECURSIVE {LeafHashRunsCte} SELECT COALESCE(" +
        "(SELECT MIN(l.idx) FROM runs JOIN log_leaf_hashes h ON h.run = runs.r AND h.prefix = @prefix JOIN log_leaves l ON l.idx = h.idx WHERE l.leaf_hash = @hash), " +
        "(SELECT MIN(idx) FROM log_leaves WHERE idx >= (SELECT indexed_size FROM log_state WHERE id = 1) AND leaf_hash = @hash))";

    public ValueTask<bool> AddCheckpointAsync(long size, byte[] rootHash, string note, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(rootHash);
        ArgumentException.ThrowIfNullOrEmpty(note);
        return scope.WriteAsync(async (c, t, ct) =>
            await c.Command(t, "INSERT INTO log_checkpoints (size, root_hash, note, created_at) VALUES (@size, @root, @note, @now) ON CONFLICT (size) DO NOTHING")
                .With("size", size).With("root", rootHash).With("note", note).With("now", context.NowMilliseconds).ExecuteAsync(ct).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    public async ValueTask<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken = default) =>
        await scope.ReadAsync((c, t, ct) => c.Command(t, "SELECT size, root_hash, note, created_at FROM log_checkpoints ORDER BY size DESC LIMIT 1")
            .SingleOrDefaultAsync(ReadCheckpoint, ct), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<StoredCheckpoint>> ListCheckpointsAsync(long afterSize = -1, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await scope.ReadAsync((c, t, ct) => c.Command(t, "SELECT size, root_hash, note, created_at FROM log_checkpoints WHERE size > @after ORDER BY size LIMIT @limit")
            .With("after", afterSize).With("limit", (long)limit).ListAsync(ReadCheckpoint, ct), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask AddCosignatureAsync(long checkpointSize, string witness, string signatureLine, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(witness);
        ArgumentException.ThrowIfNullOrEmpty(signatureLine);
        return Ignore(scope.WriteAsync(async (c, t, ct) =>
            await c.Command(t, "INSERT INTO log_cosignatures (checkpoint_size, witness, signature_line, received_at) VALUES (@size, @witness, @line, @now) " +
                    "ON CONFLICT (checkpoint_size, witness) DO UPDATE SET signature_line = excluded.signature_line, received_at = excluded.received_at")
                .With("size", checkpointSize).With("witness", witness).With("line", signatureLine).With("now", context.NowMilliseconds).ExecuteAsync(ct).ConfigureAwait(false),
            cancellationToken));
    }

    public async ValueTask<IReadOnlyList<StoredCosignature>> ListCosignaturesAsync(long checkpointSize, CancellationToken cancellationToken = default) =>
        await scope.ReadAsync((c, t, ct) => c.Command(t, "SELECT checkpoint_size, witness, signature_line, received_at FROM log_cosignatures WHERE checkpoint_size = @size ORDER BY witness")
            .With("size", checkpointSize)
            .ListAsync(r => new StoredCosignature(r.GetInt64(0), r.GetString(1), r.GetString(2), StoreContext.FromMilliseconds(r.GetInt64(3))), ct), cancellationToken).ConfigureAwait(false);

    public async ValueTask<PartnerCheckpoint?> GetPartnerCheckpointAsync(string origin, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        return await scope.ReadAsync((c, t, ct) => c.Command(t, "SELECT origin, size, root_hash, note, updated_at FROM log_partner_checkpoints WHERE origin = @origin")
            .With("origin", origin)
            .SingleOrDefaultAsync(r => new PartnerCheckpoint(r.GetString(0), r.GetInt64(1), r.GetBytes(2), r.GetString(3), StoreContext.FromMilliseconds(r.GetInt64(4))), ct),
            cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> SavePartnerCheckpointAsync(string origin, long? expectedSize, long size, byte[] rootHash, string note, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(rootHash);
        ArgumentException.ThrowIfNullOrEmpty(note);
        return scope.WriteAsync(async (c, t, ct) =>
        {
            var command = expectedSize is null
                ? c.Command(t, "INSERT INTO log_partner_checkpoints (origin, size, root_hash, note, updated_at) VALUES (@origin, @size, @root, @note, @now) ON CONFLICT (origin) DO NOTHING")
                : c.Command(t, "UPDATE log_partner_checkpoints SET size = @size, root_hash = @root, note = @note, updated_at = @now WHERE origin = @origin AND size = @expected")
                    .With("expected", expectedSize.Value);
            return await command.With("origin", origin).With("size", size).With("root", rootHash).With("note", note).With("now", context.NowMilliseconds)
                .ExecuteAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <summary>
    /// Appends in the caller's transaction: locks the state row, extends the compact range, inserts the leaves and the
    /// subtrees they complete, saves the new state. Returns the new leaves' indexes (contiguous).
    /// </summary>
    internal static async ValueTask<IReadOnlyList<long>> AppendCoreAsync(DbConnection c, DbTransaction t, SqlDialect dialect, IReadOnlyList<LogEntry> entries, CancellationToken ct)
    {
        if (dialect.PreparedFor(c) is not null)
        {
            // SQLite's writer: single-row statements compiled once per connection, as bulk ingest writes its appends.
            var runner = StatementRunner.Create(dialect, c, t);
            await using (runner.ConfigureAwait(false))
            {
                return await WriteAppendAsync(runner, c, t, dialect, entries, ct).ConfigureAwait(false);
            }
        }

        // Otherwise (PostgreSQL): multi-row INSERTs (a fresh submission's ~59 rows pipelined one statement each measured ~12% fewer
        // submissions/s, 2026-11-23, docs/performance.md).
        var (range, indexedSize) = await ReadStateAndMarkAsync(c, t, dialect.ForUpdate, ct).ConfigureAwait(false);
        var (indexes, leafHashes, nodes) = Extend(range, entries);
        var rows = dialect.RowsPerStatement;
        for (var offset = 0; offset < entries.Count; offset += rows)
        {
            var count = Math.Min(rows, entries.Count - offset);
            var sql = new StringBuilder($"INSERT INTO log_leaves ({LeafColumns}) VALUES ");
            var command = c.Command(t, string.Empty);
            for (var row = 0; row < count; row++)
            {
                var e = entries[offset + row];
                sql.Append(row == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@i{row}, @k{row}, @t{row}, @r{row}, @c{row}, @a{row}, @h{row})");
                command.With($"i{row}", indexes[offset + row]).With($"k{row}", (int)e.Kind).With($"t{row}", e.TenantHash).With($"r{row}", e.RecordHash)
                    .With($"c{row}", e.ContentHash).With($"a{row}", e.TimeMilliseconds).With($"h{row}", leafHashes[offset + row]);
            }

            command.CommandText = sql.ToString();
            await command.ExecuteAsync(ct).ConfigureAwait(false);
        }

        var recent = Enumerable.Range(0, entries.Count).Where(i => entries[i].Kind != LogEntryKind.TwinEvent).ToList();
        for (var offset = 0; offset < recent.Count; offset += rows)
        {
            var count = Math.Min(rows, recent.Count - offset);
            var sql = new StringBuilder("INSERT INTO log_record_hashes_recent (prefix, idx) VALUES ");
            var command = c.Command(t, string.Empty);
            for (var row = 0; row < count; row++)
            {
                var i = recent[offset + row];
                sql.Append(row == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(substr(@r{row}, 1, 8), @i{row})");
                command.With($"r{row}", entries[i].RecordHash).With($"i{row}", indexes[i]);
            }

            command.CommandText = sql.ToString();
            await command.ExecuteAsync(ct).ConfigureAwait(false);
        }

        for (var offset = 0; offset < nodes.Count; offset += rows)
        {
            var count = Math.Min(rows, nodes.Count - offset);
            var sql = new StringBuilder("INSERT INTO log_nodes (level, idx, hash) VALUES ");
            var command = c.Command(t, string.Empty);
            for (var row = 0; row < count; row++)
            {
                var (id, hash) = nodes[offset + row];
                sql.Append(row == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@l{row}, @i{row}, @h{row})");
                command.With($"l{row}", id.Level).With($"i{row}", id.Index).With($"h{row}", hash);
            }

            command.CommandText = sql.ToString();
            await command.ExecuteAsync(ct).ConfigureAwait(false);
        }

        await c.Command(t, "UPDATE log_state SET size = @size, edge = @edge WHERE id = 1").With("size", range.Size).With("edge", range.ToBytes()).ExecuteAsync(ct).ConfigureAwait(false);
        if (range.Size - indexedSize >= LeafHashBatch)
        {
            foreach (var batchSql in LeafHashBatchSql)
            {
                _ = await c.Command(t, batchSql).With("p0", LeafHashBatch).ExecuteAsync(ct).ConfigureAwait(false);
            }
        }

        return indexes;
    }

    /// <summary>
    /// An append through <paramref name="runner"/> (the log's own and bulk ingest's, which queues its other rows on the
    /// same runner): locks the state row and reads it, then queues the leaves (with the recent record hashes of
    /// presentations and credentials, migration 0012), the subtrees they complete, the new state and, when a leaf-hash
    /// batch is due, its statements (0010, 0012); then runs everything queued. Returns the new leaves' indexes.
    /// </summary>
    internal static async ValueTask<long[]> WriteAppendAsync(StatementRunner runner, DbConnection c, DbTransaction t, SqlDialect dialect, IReadOnlyList<LogEntry> entries, CancellationToken ct)
    {
        var (range, indexedSize) = await ReadStateAndMarkAsync(c, t, dialect.ForUpdate, ct).ConfigureAwait(false);
        var (indexes, leafHashes, nodes) = Extend(range, entries);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            _ = await runner.AddAsync(LeafSql, [indexes[i], (int)e.Kind, e.TenantHash, e.RecordHash, e.ContentHash, e.TimeMilliseconds, leafHashes[i]], ct).ConfigureAwait(false);
            if (e.Kind != LogEntryKind.TwinEvent)
            {
                _ = await runner.AddAsync(RecentRecordSql, [e.RecordHash, indexes[i]], ct).ConfigureAwait(false);
            }
        }

        foreach (var (id, hash) in nodes)
        {
            _ = await runner.AddAsync(NodeSql, [id.Level, id.Index, hash], ct).ConfigureAwait(false);
        }

        _ = await runner.AddAsync(StateSql, [range.Size, range.ToBytes()], ct).ConfigureAwait(false);
        if (range.Size - indexedSize >= LeafHashBatch)
        {
            foreach (var sql in LeafHashBatchSql)
            {
                _ = await runner.AddAsync(sql, [LeafHashBatch], ct).ConfigureAwait(false);
            }
        }

        _ = await runner.FlushAsync(ct).ConfigureAwait(false);
        return indexes;
    }

    /// <summary>
    /// Leaves whose hash prefix is added to <c>log_leaf_hashes</c> at once, in key order (migration 0010): each index
    /// page of the last run (0013) is then written about once per batch instead of once per leaf. A hash look-up scans
    /// at most this many leaves of <c>log_leaves</c> by primary key.
    /// </summary>
    internal const int LeafHashBatch = 4096;

    // A leaf-hash batch, due once LeafHashBatch leaves or more are above indexed_size (each statement guarded by the same
    // condition, in the appender's transaction after the state row has its new size): the leaves above the mark into
    // log_leaf_hashes in key order, the recent record hashes into log_record_hashes (migration 0012), then the mark.
    private static readonly string[] LeafHashBatchSql = [IndexLeafHashesSql, IndexRecordHashesSql, ClearRecentRecordsSql, IndexedSizeSql];

    internal const string IndexLeafHashesSql = $"INSERT INTO log_leaf_hashes (run, prefix, idx) SELECT l.idx >> {LeafHashRunShift}, substr(l.leaf_hash, 1, 8), l.idx FROM log_state s JOIN log_leaves l " +
        "ON l.idx >= s.indexed_size AND l.idx < s.size WHERE s.id = 1 AND s.size - s.indexed_size >= @p0 ORDER BY 1, 2, 3";

    /// <summary>
    /// A presentation's or credential's leaf at or above <c>indexed_size</c> (migration 0012): the first 8 bytes of its
    /// record hash (@p0, the whole hash) into the small B-tree of recent ones, whose pages each group commit writes anyway.
    /// </summary>
    internal const string RecentRecordSql = "INSERT INTO log_record_hashes_recent (prefix, idx) VALUES (substr(@p0, 1, 8), @p1)";

    // With a leaf-hash batch (the same guard, before the mark moves): the recent record hashes into the big table in key
    // order (into its last run: migration 0013), then out of the small one.
    internal const string IndexRecordHashesSql = $"INSERT INTO log_record_hashes (run, prefix, idx) SELECT idx >> {RecordHashRunShift}, prefix, idx FROM log_record_hashes_recent " +
        "WHERE (SELECT size - indexed_size FROM log_state WHERE id = 1) >= @p0 ORDER BY 1, 2, 3";

    internal const string ClearRecentRecordsSql = "DELETE FROM log_record_hashes_recent WHERE (SELECT size - indexed_size FROM log_state WHERE id = 1) >= @p0";

    internal const string IndexedSizeSql = "UPDATE log_state SET indexed_size = size WHERE id = 1 AND size - indexed_size >= @p0";

    internal const string LeafSql = $"INSERT INTO log_leaves ({LeafColumns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)";
    internal const string NodeSql = "INSERT INTO log_nodes (level, idx, hash) VALUES (@p0, @p1, @p2)";
    internal const string StateSql = "UPDATE log_state SET size = @p0, edge = @p1 WHERE id = 1";

    /// <summary>Appends the entries to <paramref name="range"/>: their indexes, leaf hashes and the subtrees (level 1 and up) they complete.</summary>
    internal static (long[] Indexes, byte[][] LeafHashes, List<(NodeId Id, byte[] Hash)> Nodes) Extend(CompactRange range, IReadOnlyList<LogEntry> entries)
    {
        var indexes = new long[entries.Count];
        var leafHashes = new byte[entries.Count][];
        var nodes = new List<(NodeId Id, byte[] Hash)>();
        for (var i = 0; i < entries.Count; i++)
        {
            indexes[i] = range.Size;
            leafHashes[i] = entries[i].LeafHash();
            range.Append(leafHashes[i], (id, hash) =>
            {
                if (id.Level > 0)
                {
                    nodes.Add((id, hash));
                }
            });
        }

        return (indexes, leafHashes, nodes);
    }

    /// <summary>The compact range (readers: only the columns of schema 2, so that <c>backup verify</c> audits an older copy).</summary>
    internal static async ValueTask<CompactRange> ReadStateAsync(DbConnection c, DbTransaction? t, string forUpdate, CancellationToken ct) =>
        (await ReadStateCoreAsync(c, t, "SELECT size, edge, CAST(0 AS BIGINT) FROM log_state WHERE id = 1" + forUpdate, ct).ConfigureAwait(false)).Range;

    /// <summary>The compact range and <c>indexed_size</c>, the leaves below which are in <c>log_leaf_hashes</c> (migration 0010).</summary>
    private static ValueTask<(CompactRange Range, long IndexedSize)> ReadStateAndMarkAsync(DbConnection c, DbTransaction? t, string forUpdate, CancellationToken ct) =>
        ReadStateCoreAsync(c, t, "SELECT size, edge, indexed_size FROM log_state WHERE id = 1" + forUpdate, ct);

    private static async ValueTask<(CompactRange Range, long IndexedSize)> ReadStateCoreAsync(DbConnection c, DbTransaction? t, string sql, CancellationToken ct)
    {
        var rows = await c.Command(t, sql)
            .ListAsync(r => (Size: r.GetInt64(0), Edge: r.GetBytes(1), IndexedSize: r.GetInt64(2)), ct).ConfigureAwait(false);
        if (rows.Count != 1)
        {
            throw new StoreException(StoreErrorKind.Corrupt, "The transparency log's state row is missing.");
        }

        try
        {
            return (CompactRange.FromBytes(rows[0].Size, rows[0].Edge), rows[0].IndexedSize);
        }
        catch (TransparencyException e)
        {
            throw new StoreException(StoreErrorKind.Corrupt, "The transparency log's state row does not match its size.", e);
        }
    }

    private static async ValueTask<long> SizeAsync(DbConnection c, DbTransaction? t, CancellationToken ct) =>
        SqlCommands.ToInt64(await c.Command(t, "SELECT size FROM log_state WHERE id = 1").ScalarAsync(ct).ConfigureAwait(false));

    /// <summary>Reads the given subtrees in (at most) two statements: leaves from log_leaves, the rest from log_nodes.</summary>
    private static async ValueTask<Dictionary<NodeId, byte[]>> ReadNodesAsync(DbConnection c, DbTransaction? t, IReadOnlyList<NodeId> nodes, CancellationToken ct)
    {
        var result = new Dictionary<NodeId, byte[]>(nodes.Count);
        var leaves = nodes.Where(n => n.Level == 0).ToList();
        var interior = nodes.Where(n => n.Level > 0).ToList();
        if (leaves.Count > 0)
        {
            var command = c.Command(t, string.Empty);
            var names = new List<string>(leaves.Count);
            for (var i = 0; i < leaves.Count; i++)
            {
                names.Add($"@i{i}");
                command.With($"i{i}", leaves[i].Index);
            }

            command.CommandText = $"SELECT idx, leaf_hash FROM log_leaves WHERE idx IN ({string.Join(", ", names)})";
            foreach (var (index, hash) in await command.ListAsync(r => (r.GetInt64(0), r.GetBytes(1)), ct).ConfigureAwait(false))
            {
                result[new NodeId(0, index)] = hash;
            }
        }

        if (interior.Count > 0)
        {
            var command = c.Command(t, string.Empty);
            var conditions = new List<string>(interior.Count);
            for (var i = 0; i < interior.Count; i++)
            {
                conditions.Add($"(level = @l{i} AND idx = @i{i})");
                command.With($"l{i}", interior[i].Level).With($"i{i}", interior[i].Index);
            }

            command.CommandText = $"SELECT level, idx, hash FROM log_nodes WHERE {string.Join(" OR ", conditions)}";
            foreach (var (level, index, hash) in await command.ListAsync(r => (r.GetInt32(0), r.GetInt64(1), r.GetBytes(2)), ct).ConfigureAwait(false))
            {
                result[new NodeId(level, index)] = hash;
            }
        }

        if (result.Count != nodes.Count)
        {
            throw new StoreException(StoreErrorKind.Corrupt, $"The transparency log is missing {nodes.Count - result.Count} of the subtree hashes a proof needs.");
        }

        return result;
    }

    private static LogLeafRecord ReadLeaf(DbDataReader r) =>
        new(r.GetInt64(0), new LogEntry((LogEntryKind)r.GetInt32(1), r.GetBytes(2), r.GetBytes(3), r.GetBytes(4), r.GetInt64(5)), r.GetBytes(6));

    private static StoredCheckpoint ReadCheckpoint(DbDataReader r) => new(r.GetInt64(0), r.GetBytes(1), r.GetString(2), StoreContext.FromMilliseconds(r.GetInt64(3)));

    private static async ValueTask Ignore<T>(ValueTask<T> task) => _ = await task.ConfigureAwait(false);
}
