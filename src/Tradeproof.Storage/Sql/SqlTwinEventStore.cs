using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Tradeproof.Storage.Sql;

/// <summary>
/// Appends check the stream's head, then insert versions head+1..head+n with <c>ON CONFLICT DO NOTHING</c>: a
/// concurrent winner makes the insert affect no row (PostgreSQL waits for the winner's commit first), which is the
/// conflict; the table's primary key and its previous-version foreign key keep versions unique and dense.
/// </summary>
internal sealed class SqlTwinEventStore(SqlScope scope, StoreContext context) : ITwinEventStore
{
    private const string HeadSql = "SELECT MAX(version) FROM twin_events WHERE tenant_id = @tenant AND stream_id = @stream";

    public ValueTask<AppendResult> AppendAsync(string tenantId, string streamId, long expectedVersion, IReadOnlyList<TwinEventData> events, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(streamId, "stream id");
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentNullException.ThrowIfNull(events);
        ValidateEvents(context, events);
        return scope.WriteAsync(async (c, t, ct) =>
        {
            var head = await HeadAsync(c, t, tenantId, streamId, ct).ConfigureAwait(false);
            if (head != expectedVersion)
            {
                return new AppendResult(AppendOutcome.Conflict, head);
            }

            var now = context.NowMilliseconds;

            // The first row decides the race: it is the one a concurrent appender at the same version also inserts.
            var inserted = await InsertEventsAsync(c, t, tenantId, streamId, expectedVersion, events, 0, 1, now, ct).ConfigureAwait(false);
            if (inserted == 0)
            {
                return new AppendResult(AppendOutcome.Conflict, await HeadAsync(c, t, tenantId, streamId, ct).ConfigureAwait(false));
            }

            // The rest follow our own uncommitted row: no one else can insert them (they would have to read our head).
            for (var offset = 1; offset < events.Count; offset += scope.Dialect.RowsPerStatement)
            {
                var count = Math.Min(scope.Dialect.RowsPerStatement, events.Count - offset);
                if (await InsertEventsAsync(c, t, tenantId, streamId, expectedVersion, events, offset, count, now, ct).ConfigureAwait(false) != count)
                {
                    throw new StoreException(StoreErrorKind.ConstraintViolation, $"Stream '{streamId}' changed under an append in progress.");
                }
            }

            var subjects = events.SelectMany(e => e.SubjectIds).Distinct(StringComparer.Ordinal).ToList();
            for (var offset = 0; offset < subjects.Count; offset += scope.Dialect.RowsPerStatement)
            {
                var count = Math.Min(scope.Dialect.RowsPerStatement, subjects.Count - offset);
                var sql = new StringBuilder("INSERT INTO twin_subjects (tenant_id, subject_id, stream_id) VALUES ");
                var command = c.Command(t, string.Empty);
                for (var row = 0; row < count; row++)
                {
                    sql.Append(row == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@tenant, @s{row}, @stream)");
                    command.With($"s{row}", subjects[offset + row]);
                }

                command.CommandText = sql.Append(" ON CONFLICT (tenant_id, subject_id, stream_id) DO NOTHING").ToString();
                await command.With("tenant", tenantId).With("stream", streamId).ExecuteAsync(ct).ConfigureAwait(false);
            }

            // One transparency log leaf per event (hashes of the tenant, "version:stream" and the payload), in this transaction.
            var logged = new Transparency.LogEntry[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                logged[i] = Transparency.LogEntry.Of(Transparency.LogEntryKind.TwinEvent, tenantId, Transparency.LogEntry.TwinEventRecordId(streamId, expectedVersion + i + 1),
                    Encoding.UTF8.GetBytes(events[i].PayloadJson), context.Now);
            }

            await scope.LogAsync(c, t, logged, ct).ConfigureAwait(false);
            var version = expectedVersion + events.Count;
            return new AppendResult(AppendOutcome.Appended, version);
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
        return scope.ReadAsync((c, t, ct) => HeadAsync(c, t, tenantId, streamId, ct), cancellationToken);
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

    /// <summary>Inserts events[offset..offset+count) as versions after <paramref name="expectedVersion"/> in one statement; returns the rows inserted.</summary>
    private static ValueTask<int> InsertEventsAsync(DbConnection c, DbTransaction t, string tenantId, string streamId, long expectedVersion, IReadOnlyList<TwinEventData> events, int offset, int count, long now, CancellationToken ct)
    {
        var sql = new StringBuilder("INSERT INTO twin_events (tenant_id, stream_id, version, previous_version, event_id, event_type, payload, subject_ids, recorded_at) VALUES ");
        var command = c.Command(t, string.Empty);
        for (var row = 0; row < count; row++)
        {
            var e = events[offset + row];
            var version = expectedVersion + offset + row + 1;
            sql.Append(row == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@tenant, @stream, @v{row}, @p{row}, @e{row}, @y{row}, @b{row}, @j{row}, @now)");
            command.With($"v{row}", version).With($"p{row}", version == 1 ? null : version - 1).With($"e{row}", e.EventId).With($"y{row}", e.EventType)
                .With($"b{row}", e.PayloadJson).With($"j{row}", SubjectIdsJson.Write(e.SubjectIds));
        }

        command.CommandText = sql.Append(" ON CONFLICT (tenant_id, stream_id, version) DO NOTHING").ToString();
        return command.With("tenant", tenantId).With("stream", streamId).With("now", now).ExecuteAsync(ct);
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

    private static async ValueTask<long> HeadAsync(DbConnection c, DbTransaction? t, string tenantId, string streamId, CancellationToken ct)
    {
        var value = await c.Command(t, HeadSql).With("tenant", tenantId).With("stream", streamId).ScalarAsync(ct).ConfigureAwait(false);
        return value is null ? 0 : SqlCommands.ToInt64(value);
    }
}
