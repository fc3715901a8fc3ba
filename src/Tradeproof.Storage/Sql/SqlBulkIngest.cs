using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tradeproof.Transparency;

namespace Tradeproof.Storage.Sql;

/// <summary>
/// The bulk ingest path behind <see cref="StoreIngest.IngestAsync"/>: one write transaction, the statements the
/// repositories run (same SQL effects, same log leaves in the same order) issued through a <see cref="StatementRunner"/>
/// (prepared once per batch and bound by position through SQLitePCL on SQLite, pipelined on PostgreSQL).
/// </summary>
internal sealed class SqlBulkIngest(SqlDialect dialect, StoreContext context)
{
    // The rows are those the repositories write one call at a time, by the same statements (one definition each).
    private const string PresentationSql = SqlPresentationInbox.InsertSql;
    private const string CredentialSql = SqlCredentialStore.InsertOneSql;
    private const string EventSql = SqlTwinEventStore.EventSql;
    private const string SubjectSql = SqlTwinEventStore.SubjectSql;

    /// <summary>Ingests the batch, or returns null (nothing written) when a concurrent writer took a twin version: then the caller replays it one by one.</summary>
    public async ValueTask<IngestResult?> TryIngestAsync(string tenantId, IngestBatch batch, CancellationToken cancellationToken)
    {
        Validate(tenantId, batch);

        // The CPU work that does not depend on the database runs before the writer gate, so a second caller prepares
        // its batch on the other core while this one writes.
        var prepared = Prepared.Of(tenantId, batch);
        var gate = dialect.WriterGate;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        DbConnection? connection = null;
        var committed = false;
        long ticket;
        IngestResult outcome;
        try
        {
            // SQLite: the store's writer connection (64 MiB page cache, the WAL checkpoint beside it: SqliteCheckpointer).
            connection = await dialect.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await WriteAsync(connection, transaction, tenantId, batch, prepared, cancellationToken).ConfigureAwait(false);
                if (result is null)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return null;
                }

                ticket = dialect.CommitTicket(connection);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                committed = true;
                outcome = result;
            }
        }
        catch (DbException e)
        {
            var kind = dialect.Classify(e);
            throw new StoreException(kind, kind == StoreErrorKind.UnknownTenant
                ? "The tenant (or a record the write refers to) does not exist; nothing was written."
                : "The database failed; nothing was written: " + e.Message, e);
        }
        finally
        {
            try
            {
                if (connection is not null)
                {
                    await dialect.ReleaseWriterAsync(connection, committed).ConfigureAwait(false);
                }
            }
            finally
            {
                gate?.Release();
            }
        }

        // Outside the gate: the next writer runs while this commit is synced (SqliteWalSync).
        await dialect.DurableAsync(ticket).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// What a batch needs that does not depend on the database: the SHA-256 of every stored document, the hashes of
    /// the tenant and record ids its log leaves carry, and each event's subject list as JSON. Twin event record ids
    /// assume the append succeeds (version = expected + 1 ..); a conflicting append writes no leaf, so it does not matter.
    /// </summary>
    private sealed record Prepared(byte[] TenantHash, byte[][] PresentationHashes, byte[][] PresentationIds, byte[][] CredentialHashes, byte[][] CredentialIds,
        byte[][][] EventHashes, byte[][][] EventIds, string[][] EventSubjects)
    {
        public static Prepared Of(string tenantId, IngestBatch batch)
        {
            var presentations = batch.Presentations;
            var credentials = batch.Credentials;
            var appends = batch.Appends;
            var eventHashes = new byte[appends.Count][][];
            var eventIds = new byte[appends.Count][][];
            var eventSubjects = new string[appends.Count][];
            for (var i = 0; i < appends.Count; i++)
            {
                var a = appends[i];
                eventHashes[i] = [.. a.Events.Select(e => SHA256.HashData(Encoding.UTF8.GetBytes(e.PayloadJson)))];
                eventIds[i] = [.. a.Events.Select((e, k) => LogEntry.HashId(LogEntry.TwinEventRecordId(a.StreamId, a.ExpectedVersion + k + 1)))];
                eventSubjects[i] = [.. a.Events.Select(e => SubjectIdsJson.Write(e.SubjectIds))];
            }

            return new Prepared(
                LogEntry.HashId(tenantId),
                [.. presentations.Select(p => SHA256.HashData(p.Content.Span))],
                [.. presentations.Select(p => LogEntry.HashId(p.Id))],
                [.. credentials.Select(c => SHA256.HashData(c.Content.Span))],
                [.. credentials.Select(c => LogEntry.HashId(c.Id))],
                eventHashes,
                eventIds,
                eventSubjects);
        }
    }

    private async ValueTask<IngestResult?> WriteAsync(DbConnection c, DbTransaction t, string tenantId, IngestBatch batch, Prepared prepared, CancellationToken ct)
    {
        var nowMs = context.Now.ToUnixTimeMilliseconds();
        var log = new List<LogEntry>(batch.Presentations.Count + batch.Credentials.Count + batch.Appends.Sum(a => a.Events.Count));
        await using var runner = StatementRunner.Create(dialect, c, t);

        // Presentations: a repeated id inserts nothing (Duplicate).
        var presentationRows = new int[batch.Presentations.Count];
        for (var i = 0; i < presentationRows.Length; i++)
        {
            var p = batch.Presentations[i];
            presentationRows[i] = await runner.AddAsync(PresentationSql, [tenantId, p.Id, p.Content, p.HolderId, p.VerificationResultJson, p.ReplacesId, nowMs], ct).ConfigureAwait(false);
        }

        // Credentials: an id already stored (before, or earlier in this batch) inserts nothing; its stored hash decides AlreadyStored/Conflict.
        var hashes = prepared.CredentialHashes;
        var credentialRows = new int[batch.Credentials.Count];
        for (var i = 0; i < batch.Credentials.Count; i++)
        {
            var r = batch.Credentials[i];
            credentialRows[i] = await runner.AddAsync(CredentialSql,
                [tenantId, r.Id, r.Direction == CredentialDirection.Issued ? "issued" : "received", r.MediaType, r.Content, hashes[i], r.IssuerId, r.VerificationResultJson, nowMs], ct).ConfigureAwait(false);
        }

        // Twin appends: the heads in this transaction, then the versions after them.
        var heads = await ReadHeadsAsync(c, t, tenantId, batch.Appends.Select(a => a.StreamId).Distinct(StringComparer.Ordinal).ToList(), ct).ConfigureAwait(false);
        var appends = new AppendResult[batch.Appends.Count];
        var eventRows = new List<(int Append, int Row)>();
        for (var i = 0; i < batch.Appends.Count; i++)
        {
            var append = batch.Appends[i];
            var head = heads.GetValueOrDefault(append.StreamId);
            if (head != append.ExpectedVersion)
            {
                appends[i] = new AppendResult(AppendOutcome.Conflict, head);
                continue;
            }

            for (var e = 0; e < append.Events.Count; e++)
            {
                var data = append.Events[e];
                var version = head + e + 1;
                eventRows.Add((i, await runner.AddAsync(EventSql,
                    [tenantId, append.StreamId, version, version == 1 ? null : version - 1, data.EventId, data.EventType, data.PayloadJson, prepared.EventSubjects[i][e], nowMs], ct).ConfigureAwait(false)));
            }

            foreach (var subject in append.Events.SelectMany(e => e.SubjectIds).Distinct(StringComparer.Ordinal))
            {
                _ = await runner.AddAsync(SubjectSql, [tenantId, subject, append.StreamId], ct).ConfigureAwait(false);
            }

            heads[append.StreamId] = head + append.Events.Count;
            appends[i] = new AppendResult(AppendOutcome.Appended, head + append.Events.Count);
        }

        var affected = await runner.FlushAsync(ct).ConfigureAwait(false);
        if (eventRows.Any(r => affected[r.Row] != 1))
        {
            return null; // a concurrent appender took a version after our head read (PostgreSQL): replay one by one
        }

        var presentations = new PresentationReceiveOutcome[batch.Presentations.Count];
        for (var i = 0; i < presentations.Length; i++)
        {
            presentations[i] = affected[presentationRows[i]] == 1 ? PresentationReceiveOutcome.Received : PresentationReceiveOutcome.Duplicate;
            if (presentations[i] == PresentationReceiveOutcome.Received)
            {
                log.Add(new LogEntry(LogEntryKind.Presentation, prepared.TenantHash, prepared.PresentationIds[i], prepared.PresentationHashes[i], nowMs));
            }
        }

        var credentials = await CredentialOutcomesAsync(c, t, tenantId, batch.Credentials, hashes, [.. credentialRows.Select(r => affected[r] == 1)], ct).ConfigureAwait(false);
        for (var i = 0; i < credentials.Length; i++)
        {
            if (credentials[i] == CredentialSaveOutcome.Stored)
            {
                log.Add(new LogEntry(LogEntryKind.Credential, prepared.TenantHash, prepared.CredentialIds[i], hashes[i], nowMs));
            }
        }

        for (var i = 0; i < appends.Length; i++)
        {
            if (appends[i].Succeeded)
            {
                for (var e = 0; e < batch.Appends[i].Events.Count; e++)
                {
                    log.Add(new LogEntry(LogEntryKind.TwinEvent, prepared.TenantHash, prepared.EventIds[i][e], prepared.EventHashes[i][e], nowMs));
                }
            }
        }

        // The log last (its state row is the last lock the transaction takes, as in the repositories).
        if (log.Count > 0)
        {
            _ = await SqlTransparencyLog.WriteAppendAsync(runner, c, t, dialect, log, ct).ConfigureAwait(false);
        }

        return new IngestResult(presentations, credentials, appends);
    }

    /// <summary>Stored where this batch inserted the row (first occurrence of an id); otherwise the stored hash decides.</summary>
    private static async ValueTask<CredentialSaveOutcome[]> CredentialOutcomesAsync(DbConnection c, DbTransaction t, string tenantId, IReadOnlyList<CredentialRecord> credentials, byte[][] hashes, bool[] inserted, CancellationToken ct)
    {
        var outcomes = new CredentialSaveOutcome[credentials.Count];
        var existing = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        for (var i = 0; i < credentials.Count; i++)
        {
            if (inserted[i])
            {
                outcomes[i] = CredentialSaveOutcome.Stored;
                continue;
            }

            var id = credentials[i].Id;
            if (!existing.TryGetValue(id, out var stored))
            {
                stored = await c.Command(t, "SELECT content_sha256 FROM credentials WHERE tenant_id = @tenant AND id = @id")
                    .With("tenant", tenantId).With("id", id).ScalarAsync(ct).ConfigureAwait(false) as byte[];
                existing[id] = stored;
            }

            outcomes[i] = stored is not null && stored.AsSpan().SequenceEqual(hashes[i]) ? CredentialSaveOutcome.AlreadyStored : CredentialSaveOutcome.Conflict;
        }

        return outcomes;
    }

    /// <summary>The current version of each stream (absent: 0), read in chunks of an IN list.</summary>
    private static async ValueTask<Dictionary<string, long>> ReadHeadsAsync(DbConnection c, DbTransaction t, string tenantId, List<string> streams, CancellationToken ct)
    {
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        const int Chunk = 200;
        for (var offset = 0; offset < streams.Count; offset += Chunk)
        {
            var count = Math.Min(Chunk, streams.Count - offset);
            var command = c.Command(t, string.Empty).With("tenant", tenantId);
            var names = new string[count];
            for (var i = 0; i < count; i++)
            {
                names[i] = "@s" + i.ToString(CultureInfo.InvariantCulture);
                command.With(names[i][1..], streams[offset + i]);
            }

            command.CommandText = $"SELECT stream_id, MAX(version) FROM twin_events WHERE tenant_id = @tenant AND stream_id IN ({string.Join(", ", names)}) GROUP BY stream_id";
            foreach (var (stream, version) in await command.ListAsync(r => (r.GetString(0), r.GetInt64(1)), ct).ConfigureAwait(false))
            {
                heads[stream] = version;
            }
        }

        return heads;
    }

    /// <summary>The repositories' argument checks, all before anything is written.</summary>
    private void Validate(string tenantId, IngestBatch batch)
    {
        context.Id(tenantId, "tenant id");
        foreach (var p in batch.Presentations)
        {
            ArgumentNullException.ThrowIfNull(p);
            context.Id(p.Id, "presentation id");
            context.Content(p.Content.Length, "presentation");
            if (p.ReplacesId is not null)
            {
                context.Id(p.ReplacesId, "replaced presentation id");
            }
        }

        foreach (var r in batch.Credentials)
        {
            ArgumentNullException.ThrowIfNull(r);
            context.Id(r.Id, "credential id");
            ArgumentException.ThrowIfNullOrEmpty(r.MediaType);
            context.Content(r.Content.Length, "credential");
            if (r.Direction is not (CredentialDirection.Issued or CredentialDirection.Received))
            {
                throw new ArgumentOutOfRangeException(nameof(batch), "Unknown credential direction.");
            }
        }

        foreach (var a in batch.Appends)
        {
            ArgumentNullException.ThrowIfNull(a);
            context.Id(a.StreamId, "stream id");
            ArgumentOutOfRangeException.ThrowIfNegative(a.ExpectedVersion);
            ArgumentNullException.ThrowIfNull(a.Events);
            SqlTwinEventStore.ValidateEvents(context, a.Events);
        }
    }
}
