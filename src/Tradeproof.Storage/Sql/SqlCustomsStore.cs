using System.Data.Common;

namespace Tradeproof.Storage.Sql;

/// <summary>
/// Customs records. Document versions are dense per (tenant, kind): a save reads the head and inserts head + 1 with
/// <c>ON CONFLICT DO NOTHING</c>, so of two concurrent editors at the same version one wins and the other gets false.
/// Outbox transitions are conditional updates on <c>state = 'pending'</c> (a re-send: on <c>state = 'failed'</c>).
/// </summary>
internal sealed class SqlCustomsStore(SqlScope scope, StoreContext context) : ICustomsStore
{
    private const string MessageColumns = "id, kind, recipient, filing, status, content, state, attempts, next_attempt_at, last_error, created_at, delivered_at, sequence";

    public ValueTask<bool> SaveDocumentAsync(string tenantId, string kind, long expectedVersion, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(kind, "document kind");
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        context.Content(content.Length, "customs document");
        return scope.WriteAsync(async (c, t, ct) =>
        {
            var head = await c.Command(t, "SELECT MAX(version) FROM customs_documents WHERE tenant_id = @tenant AND kind = @kind")
                .With("tenant", tenantId).With("kind", kind).ScalarAsync(ct).ConfigureAwait(false);
            if ((head is null ? 0 : SqlCommands.ToInt64(head)) != expectedVersion)
            {
                return false;
            }

            return await c.Command(t, "INSERT INTO customs_documents (tenant_id, kind, version, content, created_at) VALUES (@tenant, @kind, @version, @content, @now) " +
                    "ON CONFLICT (tenant_id, kind, version) DO NOTHING")
                .With("tenant", tenantId).With("kind", kind).With("version", expectedVersion + 1)
                .With("content", CustomsDocumentKinds.IsSealed(kind) ? context.Secrets.Protect(content.Span, tenantId, SealedId(kind, expectedVersion + 1)) : content)
                .With("now", context.NowMilliseconds)
                .ExecuteAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public async ValueTask<CustomsDocumentRecord?> GetDocumentAsync(string tenantId, string kind, long? version = null, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(kind, "document kind");
        var sql = version is null
            ? "SELECT version, content, created_at FROM customs_documents WHERE tenant_id = @tenant AND kind = @kind ORDER BY version DESC LIMIT 1"
            : "SELECT version, content, created_at FROM customs_documents WHERE tenant_id = @tenant AND kind = @kind AND version = @version";
        return await scope.ReadAsync((c, t, ct) =>
        {
            var command = c.Command(t, sql).With("tenant", tenantId).With("kind", kind);
            return (version is null ? command : command.With("version", version.Value)).SingleOrDefaultAsync(r => new CustomsDocumentRecord(kind, r.GetInt64(0), Unseal(tenantId, kind, r.GetInt64(0), r.GetBytes(1)), StoreContext.FromMilliseconds(r.GetInt64(2))), ct);
        }, cancellationToken).ConfigureAwait(false);
    }

    // The associated data of a sealed document: its kind and version (with the tenant, added by the protector).
    private static string SealedId(string kind, long version) => "customs:" + kind + "#" + version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private byte[] Unseal(string tenantId, string kind, long version, byte[] content) =>
        CustomsDocumentKinds.IsSealed(kind) ? context.Secrets.Unprotect(content, tenantId, SealedId(kind, version)) : content;

    public async ValueTask SaveFilingAsync(string tenantId, CustomsFilingRecord filing, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        ArgumentNullException.ThrowIfNull(filing);
        context.Id(filing.PresentationId, "presentation id");
        ArgumentException.ThrowIfNullOrEmpty(filing.Status);
        ArgumentNullException.ThrowIfNull(filing.DecisionJson);
        context.Content(filing.DecisionJson.Length, "decision");
        _ = await scope.WriteAsync((c, t, ct) => c.Command(t,
                "INSERT INTO customs_filings (tenant_id, presentation_id, filer, status, decision, updated_at) VALUES (@tenant, @id, @filer, @status, @decision, @now) " +
                "ON CONFLICT (tenant_id, presentation_id) DO UPDATE SET filer = excluded.filer, status = excluded.status, decision = excluded.decision, updated_at = excluded.updated_at")
            .With("tenant", tenantId).With("id", filing.PresentationId).With("filer", filing.Filer).With("status", filing.Status).With("decision", filing.DecisionJson)
            .With("now", context.NowMilliseconds).ExecuteAsync(ct), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<CustomsFilingRecord?> GetFilingAsync(string tenantId, string presentationId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(presentationId, "presentation id");
        return await scope.ReadAsync((c, t, ct) => c.Command(t, "SELECT filer, status, decision, updated_at FROM customs_filings WHERE tenant_id = @tenant AND presentation_id = @id")
            .With("tenant", tenantId).With("id", presentationId)
            .SingleOrDefaultAsync(r => new CustomsFilingRecord(presentationId, r.GetNullableString(0), r.GetString(1), r.GetString(2), StoreContext.FromMilliseconds(r.GetInt64(3))), ct), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> EnqueueAsync(string tenantId, OutboxMessageRecord message, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        ArgumentNullException.ThrowIfNull(message);
        context.Id(message.Id, "message id");
        context.Id(message.Recipient, "recipient");
        ArgumentException.ThrowIfNullOrEmpty(message.Kind);
        context.Content(message.Content.Length, "message content");
        return scope.WriteAsync(async (c, t, ct) => await c.Command(t,
                "INSERT INTO customs_outbox (tenant_id, id, kind, recipient, filing, status, content, state, attempts, next_attempt_at, created_at) " +
                "VALUES (@tenant, @id, @kind, @recipient, @filing, @status, @content, 'pending', 0, @due, @now) ON CONFLICT (tenant_id, id) DO NOTHING")
            .With("tenant", tenantId).With("id", message.Id).With("kind", message.Kind).With("recipient", message.Recipient).With("filing", message.Filing)
            .With("status", message.Status).With("content", message.Content).With("due", message.NextAttemptAt.ToUnixTimeMilliseconds()).With("now", context.NowMilliseconds)
            .ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<DueOutboxMessage>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await scope.ReadAsync((c, t, ct) => c.Command(t,
                $"SELECT tenant_id, {MessageColumns} FROM customs_outbox WHERE state = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, sequence LIMIT @limit")
            .With("now", now.ToUnixTimeMilliseconds()).With("limit", (long)limit)
            .ListAsync(r => new DueOutboxMessage(r.GetString(0), Read(r, 1)), ct), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        var value = await scope.ReadAsync((c, t, ct) => c.Command(t, "SELECT MIN(next_attempt_at) FROM customs_outbox WHERE state = 'pending'").ScalarAsync(ct), cancellationToken).ConfigureAwait(false);
        return value is null ? null : StoreContext.FromMilliseconds(SqlCommands.ToInt64(value));
    }

    public ValueTask<bool> MarkDeliveredAsync(string tenantId, string id, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(id, "message id");
        return scope.WriteAsync(async (c, t, ct) => await c.Command(t,
                "UPDATE customs_outbox SET state = 'delivered', delivered_at = @now, last_error = NULL WHERE tenant_id = @tenant AND id = @id AND state = 'pending'")
            .With("tenant", tenantId).With("id", id).With("now", context.NowMilliseconds).ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    public ValueTask<bool> MarkAttemptFailedAsync(string tenantId, string id, string error, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(id, "message id");
        ArgumentNullException.ThrowIfNull(error);
        var text = error.Length > 2000 ? error[..2000] : error;
        return scope.WriteAsync(async (c, t, ct) => await c.Command(t,
                "UPDATE customs_outbox SET attempts = attempts + 1, last_error = @error, state = @state, next_attempt_at = @next " +
                "WHERE tenant_id = @tenant AND id = @id AND state = 'pending'")
            .With("tenant", tenantId).With("id", id).With("error", text).With("state", nextAttemptAt is null ? OutboxStates.Failed : OutboxStates.Pending)
            .With("next", (nextAttemptAt ?? context.Now).ToUnixTimeMilliseconds()).ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    public ValueTask<bool> RequeueAsync(string tenantId, string id, string note, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(id, "message id");
        ArgumentNullException.ThrowIfNull(note);
        var text = note.Length > 2000 ? note[..2000] : note;
        return scope.WriteAsync(async (c, t, ct) => await c.Command(t,
                "UPDATE customs_outbox SET state = 'pending', attempts = 0, last_error = @note, next_attempt_at = @next " +
                "WHERE tenant_id = @tenant AND id = @id AND state = 'failed'")
            .With("tenant", tenantId).With("id", id).With("note", text).With("next", nextAttemptAt.ToUnixTimeMilliseconds())
            .ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    public async ValueTask<OutboxMessageRecord?> GetMessageAsync(string tenantId, string id, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(id, "message id");
        return await scope.ReadAsync((c, t, ct) => c.Command(t, $"SELECT {MessageColumns} FROM customs_outbox WHERE tenant_id = @tenant AND id = @id")
            .With("tenant", tenantId).With("id", id).SingleOrDefaultAsync(r => Read(r, 0), ct), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<OutboxMessageRecord>> ListMessagesAsync(string tenantId, string? filing = null, string? kind = null, string? state = null, int limit = 100, long? before = null, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // Keyset paging on the indexes (tenant_id, sequence) and (tenant_id, state, sequence) of migration 0007.
        var sql = $"SELECT {MessageColumns} FROM customs_outbox WHERE tenant_id = @tenant" + (filing is null ? "" : " AND filing = @filing") + (kind is null ? "" : " AND kind = @kind")
            + (state is null ? "" : " AND state = @state") + (before is null ? "" : " AND sequence < @before") + " ORDER BY sequence DESC LIMIT @limit";
        return await scope.ReadAsync((c, t, ct) =>
        {
            var command = c.Command(t, sql).With("tenant", tenantId).With("limit", (long)limit);
            command = filing is null ? command : command.With("filing", filing);
            command = kind is null ? command : command.With("kind", kind);
            command = state is null ? command : command.With("state", state);
            command = before is null ? command : command.With("before", before.Value);
            return command.ListAsync(r => Read(r, 0), ct);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static OutboxMessageRecord Read(DbDataReader r, int o) => new(
        r.GetString(o), r.GetString(o + 1), r.GetString(o + 2), r.GetNullableString(o + 3), r.GetNullableString(o + 4), r.GetBytes(o + 5), r.GetString(o + 6),
        r.GetInt32(o + 7), StoreContext.FromMilliseconds(r.GetInt64(o + 8)), r.GetNullableString(o + 9), StoreContext.FromMilliseconds(r.GetInt64(o + 10)),
        r.IsDBNull(o + 11) ? null : StoreContext.FromMilliseconds(r.GetInt64(o + 11)), r.GetInt64(o + 12));
}
