using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Tradeproof.Storage.Sql;

/// <summary>
/// Appends (to one stream, or to several in one call) read the streams' heads in one statement, then insert versions
/// head+1..head+n with <c>ON CONFLICT DO NOTHING</c>, the first row of every stream in one statement: a concurrent
/// winner makes a stream's first row insert nothing (PostgreSQL waits for the winner's commit first), which is the
/// conflict; the table's primary key and its previous-version foreign key keep versions unique and dense.
/// </summary>
internal sealed class SqlTwinEventStore(SqlScope scope, StoreContext context) : ITwinEventStore
{
    public async ValueTask<AppendResult> AppendAsync(string tenantId, string streamId, long expectedVersion, IReadOnlyList<TwinEventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var results = await AppendManyAsync(tenantId, [new StreamAppend(streamId, events, expectedVersion)], cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    public ValueTask<IReadOnlyList<AppendResult>> AppendManyAsync(string tenantId, IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        ArgumentNullException.ThrowIfNull(appends);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var append in appends)
        {
            ArgumentNullException.ThrowIfNull(append);
            context.Id(append.StreamId, "stream id");
            if (append.ExpectedVersion is < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(appends), "An expected version is 0 or more.");
            }

            ArgumentNullException.ThrowIfNull(append.Events);
            ValidateEvents(context, append.Events);
            if (!distinct.Add(append.StreamId))
            {
                throw new ArgumentException($"The stream '{append.StreamId}' has two parts; give its events in one.", nameof(appends));
            }
        }

        if (appends.Count == 0)
        {
            return ValueTask.FromResult<IReadOnlyList<AppendResult>>([]);
        }

        // Streams in ordinal order: concurrent writers (PostgreSQL) then take the streams' next-version rows in the same
        // order, so waiting for one another never closes a cycle.
        var order = Enumerable.Range(0, appends.Count).OrderBy(i => appends[i].StreamId, StringComparer.Ordinal).ToArray();
        return scope.WriteAsync<IReadOnlyList<AppendResult>>(async (c, t, ct) =>
        {
            var results = new AppendResult[appends.Count];

            // PostgreSQL: each stream's appenders queue on its lock, taken in the streams' ordinal order (as above) before
            // the heads are read, so the head read is the last committed one and the insert race below is not lost.
            foreach (var part in order)
            {
                await scope.Dialect.LockStreamAsync(c, t, tenantId, appends[part].StreamId, ct).ConfigureAwait(false);
            }

            var prepared = scope.Dialect.PreparedFor(c);
            var heads = prepared is null
                ? await HeadsAsync(c, t, tenantId, [.. order.Select(i => appends[i].StreamId)], ct).ConfigureAwait(false)
                : [.. order.Select(i => prepared.Int64(HeadSql, tenantId, appends[i].StreamId) ?? 0)];
            var ready = new List<(int Part, long Head)>(order.Length);
            for (var k = 0; k < order.Length; k++)
            {
                var part = order[k];
                if (appends[part].ExpectedVersion is { } expected && expected != heads[k])
                {
                    results[part] = new AppendResult(AppendOutcome.Conflict, heads[k]);
                }
                else
                {
                    ready.Add((part, heads[k]));
                }
            }

            // One clock read: the rows' recorded_at is their leaves' logged_at, which is how the log finds a twin event's
            // leaf (SqlTransparencyLog.FindLeavesAsync, migration 0006).
            var now = context.NowMilliseconds;

            List<(int Part, long Head)> won;
            if (prepared is not null)
            {
                // SQLite's writer: single-row statements compiled once per connection, the same races decided the same way.
                won = AppendPrepared(prepared, tenantId, appends, ready, results, now);
            }
            else
            {
                // Each stream's first row decides its race (a concurrent appender at the same version inserts that row too);
                // the rows after it follow our own uncommitted row, which no one else can insert after.
                var firsts = ready.Select(r => new EventRow(appends[r.Part].StreamId, r.Head + 1, appends[r.Part].Events[0])).ToList();
                var inserted = new HashSet<string>(StringComparer.Ordinal);
                for (var offset = 0; offset < firsts.Count; offset += scope.Dialect.RowsPerStatement)
                {
                    inserted.UnionWith(await InsertRowsReturningAsync(c, t, tenantId, firsts, offset, Math.Min(scope.Dialect.RowsPerStatement, firsts.Count - offset), now, ct).ConfigureAwait(false));
                }

                won = ready.Where(r => inserted.Contains(appends[r.Part].StreamId)).ToList();
                var lost = ready.Where(r => !inserted.Contains(appends[r.Part].StreamId)).ToList();
                if (lost.Count > 0)
                {
                    var current = await HeadsAsync(c, t, tenantId, [.. lost.Select(r => appends[r.Part].StreamId)], ct).ConfigureAwait(false);
                    for (var k = 0; k < lost.Count; k++)
                    {
                        results[lost[k].Part] = new AppendResult(AppendOutcome.Conflict, current[k]);
                    }
                }

                var rest = won.SelectMany(r => appends[r.Part].Events.Skip(1).Select((e, i) => new EventRow(appends[r.Part].StreamId, r.Head + 2 + i, e))).ToList();
                for (var offset = 0; offset < rest.Count; offset += scope.Dialect.RowsPerStatement)
                {
                    var count = Math.Min(scope.Dialect.RowsPerStatement, rest.Count - offset);
                    if ((await InsertRowsReturningAsync(c, t, tenantId, rest, offset, count, now, ct).ConfigureAwait(false)).Count != count)
                    {
                        throw new StoreException(StoreErrorKind.ConstraintViolation, "A stream changed under an append in progress.");
                    }
                }

                var pairs = won.SelectMany(r => appends[r.Part].Events.SelectMany(e => e.SubjectIds).Distinct(StringComparer.Ordinal).Select(subject => (Subject: subject, appends[r.Part].StreamId))).ToList();
                for (var offset = 0; offset < pairs.Count; offset += scope.Dialect.RowsPerStatement)
                {
                    var count = Math.Min(scope.Dialect.RowsPerStatement, pairs.Count - offset);
                    var sql = new StringBuilder("INSERT INTO twin_subjects (tenant_id, subject_id, stream_id) VALUES ");
                    var command = c.Command(t, string.Empty);
                    for (var row = 0; row < count; row++)
                    {
                        sql.Append(row == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@tenant, @s{row}, @t{row})");
                        command.With($"s{row}", pairs[offset + row].Subject).With($"t{row}", pairs[offset + row].StreamId);
                    }

                    command.CommandText = sql.Append(" ON CONFLICT (tenant_id, subject_id, stream_id) DO NOTHING").ToString();
                    await command.With("tenant", tenantId).ExecuteAsync(ct).ConfigureAwait(false);
                }
            }

            // One transparency log leaf per event and stream, in this transaction (the tenant hashed once, an event's
            // payload once however many streams it is appended to).
            var logged = new List<Transparency.LogEntry>();
            var tenantHash = Transparency.LogEntry.HashId(tenantId);
            var payloadHashes = new Dictionary<TwinEventData, byte[]>(ReferenceEqualityComparer.Instance);
            foreach (var (part, head) in won)
            {
                var events = appends[part].Events;
                for (var i = 0; i < events.Count; i++)
                {
                    if (!payloadHashes.TryGetValue(events[i], out var payloadHash))
                    {
                        payloadHashes[events[i]] = payloadHash = Sha256OfUtf8(events[i].PayloadJson);
                    }

                    logged.Add(new Transparency.LogEntry(Transparency.LogEntryKind.TwinEvent, tenantHash,
                        Transparency.LogEntry.HashId(Transparency.LogEntry.TwinEventRecordId(appends[part].StreamId, head + i + 1)), payloadHash, now));
                }

                results[part] = new AppendResult(AppendOutcome.Appended, head + events.Count);
            }

            await scope.LogAsync(c, t, logged, ct).ConfigureAwait(false);
            return results;
        }, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<StoredTwinEvent>> ReadStreamAsync(string tenantId, string streamId, long fromVersion = 1, int limit = int.MaxValue, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(streamId, "stream id");
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await scope.ReadAsync((c, t, ct) => c.Command(t,
                "SELECT version, event_id, event_type, payload, subject_ids, recorded_at FROM twin_events " +
                "WHERE tenant_id = @tenant AND stream_id = @stream AND version >= @from ORDER BY version LIMIT @limit")
            .With("tenant", tenantId).With("stream", streamId).With("from", fromVersion).With("limit", (long)limit)
            .ListAsync(r => new StoredTwinEvent(streamId, r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), SubjectIdsJson.Read(r.GetString(4)), StoreContext.FromMilliseconds(r.GetInt64(5))), ct),
            cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<long> GetVersionAsync(string tenantId, string streamId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(streamId, "stream id");
        return scope.ReadAsync(async (c, t, ct) => (await HeadsAsync(c, t, tenantId, [streamId], ct).ConfigureAwait(false))[0], cancellationToken);
    }

    public async ValueTask<IReadOnlyList<string>> FindStreamsBySubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(subjectId, "subject id");
        return await scope.ReadAsync((c, t, ct) => c.Command(t, "SELECT stream_id FROM twin_subjects WHERE tenant_id = @tenant AND subject_id = @subject ORDER BY stream_id")
            .With("tenant", tenantId).With("subject", subjectId).ListAsync(r => r.GetString(0), ct), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<string>> ListStreamsAsync(string tenantId, string? afterStreamId = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        // Version 1 is one row per stream, found through the primary key (tenant, stream, version).
        return await scope.ReadAsync((c, t, ct) => c.Command(t,
                "SELECT stream_id FROM twin_events WHERE tenant_id = @tenant AND version = 1 AND stream_id > @after ORDER BY stream_id LIMIT @limit")
            .With("tenant", tenantId).With("after", afterStreamId ?? string.Empty).With("limit", (long)limit)
            .ListAsync(r => r.GetString(0), ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SHA-256 of a text's UTF-8 bytes, encoded into a pooled buffer.</summary>
    private static byte[] Sha256OfUtf8(string text)
    {
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            return Tradeproof.Cryptography.Hashing.Sha256.Hash(rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented)));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private const string HeadSql = "SELECT MAX(version) FROM twin_events WHERE tenant_id = @p0 AND stream_id = @p1";
    internal const string EventSql = "INSERT INTO twin_events (tenant_id, stream_id, version, previous_version, event_id, event_type, payload, subject_ids, recorded_at) " +
        "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8) ON CONFLICT (tenant_id, stream_id, version) DO NOTHING";
    internal const string SubjectSql = "INSERT INTO twin_subjects (tenant_id, subject_id, stream_id) VALUES (@p0, @p1, @p2) ON CONFLICT (tenant_id, subject_id, stream_id) DO NOTHING";

    /// <summary>
    /// The appends of <paramref name="ready"/> row by row through prepared statements: a stream whose first row inserts
    /// nothing lost its race (its result: a conflict at the current head); the streams that won, in order.
    /// </summary>
    private static List<(int Part, long Head)> AppendPrepared(Sqlite.SqliteStatements prepared, string tenantId, IReadOnlyList<StreamAppend> appends, List<(int Part, long Head)> ready, AppendResult[] results, long now)
    {
        var won = new List<(int Part, long Head)>(ready.Count);

        // An event in several streams (one per twin it names) has its subjects written as JSON once.
        var subjectsJson = new Dictionary<TwinEventData, string>(ReferenceEqualityComparer.Instance);
        foreach (var (part, head) in ready)
        {
            var append = appends[part];
            var events = append.Events;
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                var version = head + 1 + i;
                if (!subjectsJson.TryGetValue(e, out var subjects))
                {
                    subjectsJson[e] = subjects = SubjectIdsJson.Write(e.SubjectIds);
                }

                if (prepared.Execute(EventSql, tenantId, append.StreamId, version, version == 1 ? null : version - 1, e.EventId, e.EventType, e.PayloadJson, subjects, now) == 1)
                {
                    continue;
                }

                if (i > 0)
                {
                    throw new StoreException(StoreErrorKind.ConstraintViolation, "A stream changed under an append in progress.");
                }

                results[part] = new AppendResult(AppendOutcome.Conflict, prepared.Int64(HeadSql, tenantId, append.StreamId) ?? 0);
                break;
            }

            if (results[part] is not null)
            {
                continue;
            }

            foreach (var subject in events.SelectMany(e => e.SubjectIds).Distinct(StringComparer.Ordinal))
            {
                _ = prepared.Execute(SubjectSql, tenantId, subject, append.StreamId);
            }

            won.Add((part, head));
        }

        return won;
    }

    private readonly record struct EventRow(string StreamId, long Version, TwinEventData Event);

    /// <summary>Inserts rows[offset..offset+count) in one statement; returns the streams of the rows it inserted (a taken version inserts nothing).</summary>
    private static async ValueTask<List<string>> InsertRowsReturningAsync(DbConnection c, DbTransaction t, string tenantId, List<EventRow> rows, int offset, int count, long now, CancellationToken ct)
    {
        var sql = new StringBuilder("INSERT INTO twin_events (tenant_id, stream_id, version, previous_version, event_id, event_type, payload, subject_ids, recorded_at) VALUES ");
        var command = c.Command(t, string.Empty);
        for (var row = 0; row < count; row++)
        {
            var (streamId, version, e) = rows[offset + row];
            sql.Append(row == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@tenant, @s{row}, @v{row}, @p{row}, @e{row}, @y{row}, @b{row}, @j{row}, @now)");
            command.With($"s{row}", streamId).With($"v{row}", version).With($"p{row}", version == 1 ? null : version - 1).With($"e{row}", e.EventId).With($"y{row}", e.EventType)
                .With($"b{row}", e.PayloadJson).With($"j{row}", SubjectIdsJson.Write(e.SubjectIds));
        }

        command.CommandText = sql.Append(" ON CONFLICT (tenant_id, stream_id, version) DO NOTHING RETURNING stream_id").ToString();
        return await command.With("tenant", tenantId).With("now", now).ListAsync(r => r.GetString(0), ct).ConfigureAwait(false);
    }

    /// <summary>The current version of each stream (0 for none), in the given order: one statement per 100 streams, each head found through the primary key.</summary>
    private static async ValueTask<long[]> HeadsAsync(DbConnection c, DbTransaction? t, string tenantId, IReadOnlyList<string> streamIds, CancellationToken ct)
    {
        const int StreamsPerStatement = 100;
        var heads = new long[streamIds.Count];
        for (var offset = 0; offset < streamIds.Count; offset += StreamsPerStatement)
        {
            var count = Math.Min(StreamsPerStatement, streamIds.Count - offset);
            var sql = new StringBuilder("SELECT ");
            var command = c.Command(t, string.Empty).With("tenant", tenantId);
            for (var k = 0; k < count; k++)
            {
                sql.Append(k == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(SELECT MAX(version) FROM twin_events WHERE tenant_id = @tenant AND stream_id = @s{k})");
                command.With($"s{k}", streamIds[offset + k]);
            }

            command.CommandText = sql.ToString();
            var start = offset;
            _ = await command.ListAsync(r =>
            {
                for (var k = 0; k < count; k++)
                {
                    heads[start + k] = r.IsDBNull(k) ? 0 : SqlCommands.ToInt64(r.GetValue(k));
                }

                return true;
            }, ct).ConfigureAwait(false);
        }

        return heads;
    }

    /// <summary>The argument checks of an append's events (also the bulk ingest's): API misuse throws before anything is written.</summary>
    internal static void ValidateEvents(StoreContext context, IReadOnlyList<TwinEventData> events)
    {
        if (events.Count == 0)
        {
            throw new ArgumentException("Append at least one event.", nameof(events));
        }

        foreach (var e in events)
        {
            ArgumentNullException.ThrowIfNull(e);
            context.Id(e.EventId, "event id");
            ArgumentException.ThrowIfNullOrEmpty(e.EventType);
            ArgumentNullException.ThrowIfNull(e.PayloadJson);
            ArgumentNullException.ThrowIfNull(e.SubjectIds);
            context.Content(e.PayloadJson.Length, "event payload");
            foreach (var subject in e.SubjectIds)
            {
                context.Id(subject, "subject id");
            }
        }
    }

}
