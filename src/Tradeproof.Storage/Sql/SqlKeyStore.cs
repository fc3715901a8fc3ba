namespace Tradeproof.Storage.Sql;

/// <summary>Keys: the secret is sealed by <see cref="SecretProtector"/> before it reaches the database.</summary>
internal sealed class SqlKeyStore(SqlScope scope, StoreContext context) : IKeyStore
{
    public ValueTask<bool> AddAsync(string tenantId, KeyRecord key, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        ArgumentNullException.ThrowIfNull(key);
        context.Id(key.KeyId, "key id");
        ArgumentException.ThrowIfNullOrEmpty(key.Algorithm);
        if (key.SecretKey.IsEmpty)
        {
            throw new ArgumentException("The key has no secret.", nameof(key));
        }

        var sealedSecret = context.Secrets.Protect(key.SecretKey.Span, tenantId, key.KeyId);
        return scope.WriteAsync(async (c, t, ct) =>
            await c.Command(t, "INSERT INTO keys (tenant_id, id, algorithm, public_key, secret_key, controller, created_at) " +
                    "VALUES (@tenant, @id, @algorithm, @public, @secret, @controller, @now) ON CONFLICT (tenant_id, id) DO NOTHING")
                .With("tenant", tenantId).With("id", key.KeyId).With("algorithm", key.Algorithm).With("public", key.PublicKey)
                .With("secret", sealedSecret).With("controller", key.Controller).With("now", context.NowMilliseconds)
                .ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    public ValueTask<KeyRecord?> GetAsync(string tenantId, string keyId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(keyId, "key id");
        return scope.ReadAsync((c, t, ct) => c.Command(t, "SELECT id, algorithm, public_key, secret_key, controller, created_at FROM keys WHERE tenant_id = @tenant AND id = @id")
            .With("tenant", tenantId).With("id", keyId)
            .SingleOrDefaultAsync(r => new KeyRecord(r.GetString(0), r.GetString(1), r.GetBytes(2), context.Secrets.Unprotect(r.GetBytes(3), tenantId, r.GetString(0)), r.GetNullableString(4), StoreContext.FromMilliseconds(r.GetInt64(5))), ct),
            cancellationToken);
    }

    public async ValueTask<IReadOnlyList<KeyRecord>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        return await scope.ReadAsync((c, t, ct) => c.Command(t, "SELECT id, algorithm, public_key, controller, created_at FROM keys WHERE tenant_id = @tenant ORDER BY id")
            .With("tenant", tenantId)
            .ListAsync(r => new KeyRecord(r.GetString(0), r.GetString(1), r.GetBytes(2), ReadOnlyMemory<byte>.Empty, r.GetNullableString(3), StoreContext.FromMilliseconds(r.GetInt64(4))), ct),
            cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> DeleteAsync(string tenantId, string keyId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(keyId, "key id");
        return scope.WriteAsync(async (c, t, ct) =>
            await c.Command(t, "DELETE FROM keys WHERE tenant_id = @tenant AND id = @id").With("tenant", tenantId).With("id", keyId).ExecuteAsync(ct).ConfigureAwait(false) == 1,
            cancellationToken);
    }
}
