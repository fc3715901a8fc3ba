using System.Data.Common;

namespace Tradeproof.Storage.Sql;

internal sealed class SqlPresentationInbox(SqlScope scope, StoreContext context) : IPresentationInbox
{
    private const string Columns = "sequence, id, content, holder_id, verification_result, replaces_id, received_at";

    internal const string InsertSql = "INSERT INTO presentations (tenant_id, id, content, holder_id, verification_result, replaces_id, received_at) " +
        "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6) ON CONFLICT (tenant_id, id) DO NOTHING";

    public ValueTask<PresentationReceiveOutcome> ReceiveAsync(string tenantId, PresentationRecord presentation, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        ArgumentNullException.ThrowIfNull(presentation);
        context.Id(presentation.Id, "presentation id");
        context.Content(presentation.Content.Length, "presentation");
        if (presentation.ReplacesId is not null)
        {
            context.Id(presentation.ReplacesId, "replaced presentation id");
        }

        return scope.WriteAsync(async (c, t, ct) =>
        {
            var inserted = scope.Dialect.PreparedFor(c) is { } prepared
                ? prepared.Execute(InsertSql, tenantId, presentation.Id, presentation.Content, presentation.HolderId, presentation.VerificationResultJson, presentation.ReplacesId, context.NowMilliseconds)
                : await c.Command(t, "INSERT INTO presentations (tenant_id, id, content, holder_id, verification_result, replaces_id, received_at) " +
                    "VALUES (@tenant, @id, @content, @holder, @result, @replaces, @now) ON CONFLICT (tenant_id, id) DO NOTHING")
                .With("tenant", tenantId).With("id", presentation.Id).With("content", presentation.Content).With("holder", presentation.HolderId)
                .With("result", presentation.VerificationResultJson).With("replaces", presentation.ReplacesId).With("now", context.NowMilliseconds)
                .ExecuteAsync(ct).ConfigureAwait(false);
            if (inserted != 1)
            {
                return PresentationReceiveOutcome.Duplicate;
            }

            await scope.LogAsync(c, t, [Transparency.LogEntry.Of(Transparency.LogEntryKind.Presentation, tenantId, presentation.Id, presentation.Content.Span, context.Now)], ct).ConfigureAwait(false);
            return PresentationReceiveOutcome.Received;
        }, cancellationToken);
    }

    public async ValueTask<PresentationRecord?> GetAsync(string tenantId, string presentationId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(presentationId, "presentation id");
        var entry = await scope.ReadAsync((c, t, ct) => c.Command(t, $"SELECT {Columns} FROM presentations WHERE tenant_id = @tenant AND id = @id")
            .With("tenant", tenantId).With("id", presentationId).SingleOrDefaultAsync(Read, ct), cancellationToken).ConfigureAwait(false);
        return entry?.Presentation;
    }

    public async ValueTask<IReadOnlyList<PresentationRecord>> ListReplacementsAsync(string tenantId, string presentationId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(presentationId, "presentation id");
        var entries = await scope.ReadAsync((c, t, ct) => c.Command(t, $"SELECT {Columns} FROM presentations WHERE tenant_id = @tenant AND replaces_id = @id ORDER BY sequence")
            .With("tenant", tenantId).With("id", presentationId).ListAsync(Read, ct), cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(e => e.Presentation)];
    }

    public async ValueTask<IReadOnlyList<InboxEntry>> ListAsync(string tenantId, long afterSequence = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await scope.ReadAsync((c, t, ct) => c.Command(t, $"SELECT {Columns} FROM presentations WHERE tenant_id = @tenant AND sequence > @after ORDER BY sequence LIMIT @limit")
            .With("tenant", tenantId).With("after", afterSequence).With("limit", (long)limit).ListAsync(Read, ct), cancellationToken).ConfigureAwait(false);
    }

    private static InboxEntry Read(DbDataReader r) => new(
        r.GetInt64(0),
        new PresentationRecord(r.GetString(1), r.GetBytes(2), r.GetNullableString(3), r.GetNullableString(4), r.GetNullableString(5), StoreContext.FromMilliseconds(r.GetInt64(6))));
}
