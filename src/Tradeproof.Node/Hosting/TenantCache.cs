using System.Collections.Concurrent;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>
/// The tenant records the authorization step reads on every request, kept for <see cref="Lifetime"/> on the node's
/// clock (as <see cref="DidDocuments"/> keeps DID documents), so a tenant changed by another process (the CLI, a second
/// node on the same database) is seen within that time. Unknown tenants are not cached. Used where only a tenant's
/// existence counts (tenants are never deleted); where a request may be let in without a token
/// (<see cref="TenantRecord.PublicVerification"/>), the caller asks for the store's record (<c>fresh</c>).
/// </summary>
internal sealed class TenantCache(ITradeproofStore store, TimeProvider time)
{
    /// <summary>How long a cached record is used before the store is read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private const int MaxCached = 4096;
    private readonly ConcurrentDictionary<string, (TenantRecord Tenant, DateTimeOffset Read)> _cache = new(StringComparer.Ordinal);

    /// <summary>The tenant, from the cache unless it is older than <see cref="Lifetime"/> or <paramref name="fresh"/> asks for the store's.</summary>
    public async ValueTask<TenantRecord?> GetAsync(string tenantId, bool fresh, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!fresh && _cache.TryGetValue(tenantId, out var cached) && now >= cached.Read && now < cached.Read + Lifetime)
        {
            return cached.Tenant;
        }

        var tenant = await store.Tenants.GetAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            _cache.TryRemove(tenantId, out _);
            return null;
        }

        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[tenantId] = (tenant, now);
        return tenant;
    }

    /// <summary>Drops the cached records (the next request reads the store).</summary>
    public void Invalidate() => _cache.Clear();
}
