using System.Security.Cryptography;

namespace Tradeproof.Storage.Sql;

/// <summary>
/// Idempotency keys: the claim is an <c>INSERT ... ON CONFLICT DO NOTHING</c>, so a second claimant of the same key
/// waits on the first one's transaction (PostgreSQL's unique index, SQLite's single writer) and then reads its row.
/// </summary>
internal sealed class SqlIdempotencyStore(SqlScope scope, StoreContext context) : IIdempotencyStore
{
    public ValueTask<IdempotencyClaim> ClaimAsync(string tenantId, string key, ReadOnlyMemory<byte> requestHash, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(key, "idempotency key");
        if (requestHash.IsEmpty || requestHash.Length > 64)
        {
            throw new ArgumentException("The request hash must be 1 to 64 bytes.", nameof(requestHash));
        }

        return scope.WriteAsync(async (c, t, ct) =>
        {
            var inserted = await c.Command(t, "INSERT INTO idempotency_keys (tenant_id, key, request_hash, created_at) VALUES (@tenant, @key, @hash, @now) ON CONFLICT (tenant_id, key) DO NOTHING")
                .With("tenant", tenantId).With("key", key).With("hash", requestHash).With("now", context.NowMilliseconds)
                .ExecuteAsync(ct).ConfigureAwait(false);
            if (inserted == 1)
            {
                return new IdempotencyClaim(IdempotencyOutcome.Claimed);
            }

            var row = await c.Command(t, "SELECT request_hash, status_code, content_type, response_body FROM idempotency_keys WHERE tenant_id = @tenant AND key = @key")
                .With("tenant", tenantId).With("key", key)
                .SingleOrDefaultAsync(r => new Tuple<byte[], long?, string?, byte[]?>(r.GetBytes(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.GetNullableString(2), r.IsDBNull(3) ? null : r.GetBytes(3)), ct)
                .ConfigureAwait(false) ?? throw new StoreException(StoreErrorKind.Corrupt, "An idempotency key vanished while it was read.");
            if (!CryptographicOperations.FixedTimeEquals(row.Item1, requestHash.Span))
            {
                return new IdempotencyClaim(IdempotencyOutcome.Mismatch);
            }

            return row.Item2 is { } status
                ? new IdempotencyClaim(IdempotencyOutcome.Replay, new StoredResponse((int)status, row.Item3, row.Item4 ?? []))
                : new IdempotencyClaim(IdempotencyOutcome.InProgress);
        }, cancellationToken);
    }

    public ValueTask<bool> CompleteAsync(string tenantId, string key, StoredResponse response, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(key, "idempotency key");
        ArgumentNullException.ThrowIfNull(response);
        ArgumentOutOfRangeException.ThrowIfLessThan(response.StatusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(response.StatusCode, 599);
        context.Content(response.Body.Length, "response");
        return scope.WriteAsync(async (c, t, ct) =>
            await c.Command(t, "UPDATE idempotency_keys SET status_code = @status, content_type = @type, response_body = @body, completed_at = @now " +
                    "WHERE tenant_id = @tenant AND key = @key AND status_code IS NULL")
                .With("tenant", tenantId).With("key", key).With("status", (long)response.StatusCode).With("type", response.ContentType)
                .With("body", response.Body).With("now", context.NowMilliseconds)
                .ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    public ValueTask<int> PurgeAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        return scope.WriteAsync((c, t, ct) => c.Command(t, "DELETE FROM idempotency_keys WHERE tenant_id = @tenant AND created_at < @before")
            .With("tenant", tenantId).With("before", before.ToUnixTimeMilliseconds()).ExecuteAsync(ct), cancellationToken);
    }
}
